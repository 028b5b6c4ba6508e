import { describeValue } from './describeValue';
import { InvalidFieldError } from './InvalidFieldError';

export const MAX_QUICK_REPLIES = 10;
export const MAX_QUICK_REPLY_CHARACTERS = 20;

const HINT = `Give 1 to ${MAX_QUICK_REPLIES} replies of at most ${MAX_QUICK_REPLY_CHARACTERS} characters each, for example "Yes" and "No".`;
/** The Replies field's name in a tool schema: a model fills the whole list in one value. */
const FIELD_FOR_MODEL = 'Replies';

/** Characters as ChatCentral counts them: Unicode code points, so an emoji counts as one. */
export function characterCount(text: string): number {
	return [...text].length;
}

/**
 * The replies one text holds: the entries of a JSON array (`["Yes","No"]`), or one reply per
 * line (blank lines left out), or the text itself as one reply. This is how one value, such
 * as a model's `$fromAI`, carries the whole list.
 */
export function repliesInText(text: string): unknown[] {
	const trimmed = text.trim();
	if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
		try {
			const parsed: unknown = JSON.parse(trimmed);
			if (Array.isArray(parsed)) return parsed;
		} catch {
			// Not JSON: a reply that happens to be in brackets
		}
	}
	if (!/[\r\n]/.test(text)) return [text];
	return text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
}

/**
 * The replies as a flat list: each row of the Replies field is one reply; a row (or the whole
 * field) mapped to a list contributes each of its elements, and a row whose text is a JSON
 * array or has several lines each of its entries (repliesInText).
 */
export function flattenReplies(value: unknown): unknown[] {
	const rows = Array.isArray(value) ? value : [value];
	return rows
		.flatMap((row) => (Array.isArray(row) ? row : [row]))
		.flatMap((reply) => (typeof reply === 'string' ? repliesInText(reply) : [reply]));
}

/** 1 to 10 replies, each text of 1 to 20 characters that is not only spaces. */
export function checkQuickReplies(value: unknown): string[] {
	const replies = value === undefined || value === null ? [] : flattenReplies(value);
	if (replies.length === 0) {
		throw new InvalidFieldError('Replies', 'add at least one quick reply', HINT, {
			field: FIELD_FOR_MODEL,
			problem: 'none were given',
			fix: `Send 1 to ${MAX_QUICK_REPLIES} replies, one per line or as a JSON array of texts.`,
		});
	}
	if (replies.length > MAX_QUICK_REPLIES) {
		throw new InvalidFieldError(
			`Reply ${MAX_QUICK_REPLIES + 1}`,
			`at most ${MAX_QUICK_REPLIES} quick replies are allowed (got ${replies.length})`,
			HINT,
			{
				field: FIELD_FOR_MODEL,
				problem: `at most ${MAX_QUICK_REPLIES} are allowed, got ${replies.length}`,
				fix: `Send ${MAX_QUICK_REPLIES} or fewer.`,
			},
		);
	}
	return replies.map((reply, index) => checkReply(reply, index + 1));
}

function checkReply(value: unknown, position: number): string {
	const field = `Reply ${position}`;
	const refuse = (problem: string, fix: string): InvalidFieldError =>
		new InvalidFieldError(field, problem, HINT, { field: FIELD_FOR_MODEL, problem: `reply ${position} ${problem}`, fix });
	const reply = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof reply !== 'string') {
		throw refuse(`must be text, got ${describeValue(value)}`, 'Send every reply as text.');
	}
	if (reply.trim() === '') {
		throw refuse('is empty', 'Give every reply a label, or leave the empty one out.');
	}
	const characters = characterCount(reply);
	if (characters > MAX_QUICK_REPLY_CHARACTERS) {
		throw refuse(
			`"${reply}" has ${characters} characters; at most ${MAX_QUICK_REPLY_CHARACTERS} are allowed`,
			`Shorten it to ${MAX_QUICK_REPLY_CHARACTERS} characters or fewer (an emoji counts as one).`,
		);
	}
	return reply;
}
