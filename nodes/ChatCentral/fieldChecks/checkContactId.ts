import { describeValue } from './describeValue';
import { InvalidFieldError } from './InvalidFieldError';

const FIELD = 'Contact ID';
const HINT =
	'Map the ChatCentral contact ID of the person to message, for example {{ $json.contactId }}.';
const FIX_FOR_MODEL = 'Send the ChatCentral ID of the contact to message, as text, exactly as you were given it.';

function refusal(problem: string, hint = HINT): InvalidFieldError {
	return new InvalidFieldError(FIELD, problem, hint, { field: FIELD, problem, fix: FIX_FOR_MODEL });
}

/**
 * The contact ID as it will be sent: text (a whole number from a mapping is accepted),
 * not blank. "." and ".." are refused because no URL can carry them as a path segment:
 * every HTTP client resolves them as "this folder" / "parent folder".
 */
export function checkContactId(value: unknown): string {
	if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
		throw refusal(
			`${value} is a number too large to be exact: its last digits were lost before it reached this node`,
			'Have the previous node hand the contact ID over as text (a string), not as a number.',
		);
	}
	const contactId = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof contactId !== 'string') {
		throw refusal(`must be text, got ${describeValue(value)}`);
	}
	if (contactId.trim() === '') {
		throw refusal('is empty');
	}
	if (contactId === '.' || contactId === '..') {
		throw refusal(`"${contactId}" is not a contact ID`);
	}
	return contactId;
}
