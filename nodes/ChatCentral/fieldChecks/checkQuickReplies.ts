import { describeValue } from './describeValue';
import { InvalidFieldError } from './InvalidFieldError';

export const MAX_QUICK_REPLIES = 10;
export const MAX_QUICK_REPLY_CHARACTERS = 20;

const HINT = `Give 1 to ${MAX_QUICK_REPLIES} replies of at most ${MAX_QUICK_REPLY_CHARACTERS} characters each, for example "Yes" and "No".`;

/** Characters as ChatCentral counts them: Unicode code points, so an emoji counts as one. */
export function characterCount(text: string): number {
	return [...text].length;
}

/**
 * The replies as a flat list: each row of the Replies field is one reply, and a row (or the
 * whole field) mapped to an expression that yields a list contributes each of its elements.
 */
export function flattenReplies(value: unknown): unknown[] {
	const rows = Array.isArray(value) ? value : [value];
	return rows.flatMap((row) => (Array.isArray(row) ? row : [row]));
}

/** 1 to 10 replies, each text of 1 to 20 characters that is not only spaces. */
export function checkQuickReplies(value: unknown): string[] {
	const replies = value === undefined || value === null ? [] : flattenReplies(value);
	if (replies.length === 0) {
		throw new InvalidFieldError('Replies', 'add at least one quick reply', HINT);
	}
	if (replies.length > MAX_QUICK_REPLIES) {
		throw new InvalidFieldError(
			`Reply ${MAX_QUICK_REPLIES + 1}`,
			`at most ${MAX_QUICK_REPLIES} quick replies are allowed (got ${replies.length})`,
			HINT,
		);
	}
	return replies.map((reply, index) => checkReply(reply, `Reply ${index + 1}`));
}

function checkReply(value: unknown, field: string): string {
	const reply = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof reply !== 'string') {
		throw new InvalidFieldError(field, `must be text, got ${describeValue(value)}`, HINT);
	}
	if (reply.trim() === '') {
		throw new InvalidFieldError(field, 'is empty', HINT);
	}
	const characters = characterCount(reply);
	if (characters > MAX_QUICK_REPLY_CHARACTERS) {
		throw new InvalidFieldError(
			field,
			`"${reply}" has ${characters} characters; at most ${MAX_QUICK_REPLY_CHARACTERS} are allowed`,
			HINT,
		);
	}
	return reply;
}
