import { describeValue } from './describeValue';
import { InvalidFieldError } from './InvalidFieldError';

/**
 * A text the API needs (message text, question title): a string with something besides spaces.
 * `hint` tells the person mapping the field what to change, `fixForModel` a model filling it.
 */
export function checkNonBlankText(field: string, value: unknown, hint: string, fixForModel = hint): string {
	const refusal = (problem: string) => new InvalidFieldError(field, problem, hint, { field, problem, fix: fixForModel });
	if (typeof value !== 'string') {
		throw refusal(`must be text, got ${describeValue(value)}`);
	}
	if (value.trim() === '') {
		throw refusal('is empty');
	}
	return value;
}
