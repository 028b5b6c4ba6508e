import { describeValue } from './describeValue';
import { InvalidFieldError } from './InvalidFieldError';

const FIELD = 'Contact ID';
const HINT =
	'Map the ChatCentral contact ID of the person to message, for example {{ $json.contactId }}.';

/**
 * The contact ID as it will be sent: text (a whole number from a mapping is accepted),
 * not blank. "." and ".." are refused because no URL can carry them as a path segment:
 * every HTTP client resolves them as "this folder" / "parent folder".
 */
export function checkContactId(value: unknown): string {
	if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
		throw new InvalidFieldError(
			FIELD,
			`${value} is a number too large to be exact: its last digits were lost before it reached this node`,
			'Have the previous node hand the contact ID over as text (a string), not as a number.',
		);
	}
	const contactId = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof contactId !== 'string') {
		throw new InvalidFieldError(FIELD, `must be text, got ${describeValue(value)}`, HINT);
	}
	if (contactId.trim() === '') {
		throw new InvalidFieldError(FIELD, 'is empty', HINT);
	}
	if (contactId === '.' || contactId === '..') {
		throw new InvalidFieldError(FIELD, `"${contactId}" is not a contact ID`, HINT);
	}
	return contactId;
}
