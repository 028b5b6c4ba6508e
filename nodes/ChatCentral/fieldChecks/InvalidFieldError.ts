/**
 * What a model that calls the node as an AI Agent tool is told about a refused field: the
 * field as its tool schema names it, the problem, and what to send instead. It sees no item
 * numbers and no hint meant for the person mapping the field.
 */
export interface ModelRefusal {
	field: string;
	problem: string;
	fix: string;
}

/**
 * A field value the API would refuse, found before any request is made.
 * `field` is the field's name as the user sees it in the node panel (e.g. "Reply 11"),
 * `problem` what is wrong with it, `hint` what to change; `forModel` the same for a model
 * (without it, the model is told field, problem and hint).
 */
export class InvalidFieldError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly hint: string,
		readonly forModel?: ModelRefusal,
	) {
		super(`${field}: ${problem}`);
		this.name = 'InvalidFieldError';
	}

	/** The refusal as one text for a model, e.g. "Replies: at most 10 are allowed, got 11. Send 10 or fewer." */
	get refusalForModel(): string {
		const { field, problem, fix } = this.forModel ?? { field: this.field, problem: this.problem, fix: this.hint };
		return `${field}: ${problem}. ${fix}`;
	}
}
