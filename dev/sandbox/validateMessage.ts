import { validateAttachmentUrl } from './attachmentUrl';

const ELEMENT_KEYS = {
	text: ['type', 'text'],
	image: ['type', 'url'],
	video: ['type', 'url'],
	audio: ['type', 'url'],
	file: ['type', 'url'],
	quick_reply: ['type', 'title', 'replies'],
} as const satisfies Record<string, readonly string[]>;

type ElementType = keyof typeof ELEMENT_KEYS;

const ELEMENT_TYPES = Object.keys(ELEMENT_KEYS) as ElementType[];
const TOP_LEVEL_KEYS = ['body', 'forceCancelSurvey'];
const MAX_REPLIES = 10;
const MAX_REPLY_CODE_POINTS = 20;

/** The 403 message for a parsed request body, or null when it is a valid send-content payload. */
export function validateMessage(payload: unknown): string | null {
	if (!isObject(payload)) return 'Request body must be a JSON object';
	const unknownKey = Object.keys(payload).find((key) => !TOP_LEVEL_KEYS.includes(key));
	if (unknownKey !== undefined) {
		return `Unknown top-level key ${JSON.stringify(unknownKey)}: only "body" and "forceCancelSurvey" are allowed`;
	}
	if (Object.hasOwn(payload, 'forceCancelSurvey') && payload.forceCancelSurvey !== true) {
		return 'forceCancelSurvey must be true when present';
	}
	if (!Array.isArray(payload.body)) return 'body must be an array';
	if (payload.body.length !== 1) return 'body must contain exactly one element';
	return validateElement(payload.body[0]);
}

function validateElement(element: unknown): string | null {
	if (!isObject(element)) return 'body[0] must be an object';
	const type = element.type;
	if (typeof type !== 'string' || !isElementType(type)) {
		return `body[0].type must be one of ${ELEMENT_TYPES.join(', ')}`;
	}
	const allowedKeys: readonly string[] = ELEMENT_KEYS[type];
	const missingKey = allowedKeys.find((key) => !Object.hasOwn(element, key));
	if (missingKey !== undefined) return `body[0].${missingKey} is required for type "${type}"`;
	const unknownKey = Object.keys(element).find((key) => !allowedKeys.includes(key));
	if (unknownKey !== undefined) {
		return `body[0] has unknown key ${JSON.stringify(unknownKey)} for type "${type}"`;
	}
	switch (type) {
		case 'text':
			return validateNonBlankString(element.text, 'body[0].text');
		case 'quick_reply':
			return validateNonBlankString(element.title, 'body[0].title') ?? validateReplies(element.replies);
		default:
			return validateAttachmentUrl(type, element.url, 'body[0].url');
	}
}

function validateReplies(replies: unknown): string | null {
	if (!Array.isArray(replies) || replies.length < 1 || replies.length > MAX_REPLIES) {
		return `body[0].replies must be an array of 1 to ${MAX_REPLIES} strings`;
	}
	for (const [index, reply] of replies.entries()) {
		const field = `body[0].replies[${index}]`;
		const blank = validateNonBlankString(reply, field);
		if (blank !== null) return blank;
		// Code points, not UTF-16 units: an emoji counts as one character.
		if ([...(reply as string)].length > MAX_REPLY_CODE_POINTS) {
			return `${field} must be at most ${MAX_REPLY_CODE_POINTS} characters`;
		}
	}
	return null;
}

function validateNonBlankString(value: unknown, field: string): string | null {
	return typeof value === 'string' && value.trim() !== '' ? null : `${field} must be a non-empty string`;
}

function isElementType(type: string): type is ElementType {
	return Object.hasOwn(ELEMENT_KEYS, type);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
