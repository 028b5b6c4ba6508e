/**
 * A field value the API would refuse, found before any request is made.
 * `field` is the field's name as the user sees it in the node panel (e.g. "Reply 11"),
 * `problem` what is wrong with it, `hint` what to change.
 */
export class InvalidFieldError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly hint: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'InvalidFieldError';
	}
}
