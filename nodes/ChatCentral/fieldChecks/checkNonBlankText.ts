import { describeValue } from './describeValue';
import { InvalidFieldError } from './InvalidFieldError';

/** A text the API needs (message text, question title): a string with something besides spaces. */
export function checkNonBlankText(field: string, value: unknown, hint: string): string {
	if (typeof value !== 'string') {
		throw new InvalidFieldError(field, `must be text, got ${describeValue(value)}`, hint);
	}
	if (value.trim() === '') {
		throw new InvalidFieldError(field, 'is empty', hint);
	}
	return value;
}
