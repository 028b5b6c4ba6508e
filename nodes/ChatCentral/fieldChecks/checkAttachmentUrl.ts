import { describeValue } from './describeValue';
import { InvalidFieldError } from './InvalidFieldError';

const FIELD = 'URL';
const HINT =
	'Give the full public address of the file, starting with https:// (or http://), e.g. https://example.com/photo.jpg.';

/** An absolute http(s) URL, returned in its normalized form. */
export function checkAttachmentUrl(value: unknown): string {
	if (typeof value !== 'string') {
		throw new InvalidFieldError(FIELD, `must be text, got ${describeValue(value)}`, HINT);
	}
	if (value.trim() === '') {
		throw new InvalidFieldError(FIELD, 'is empty', HINT);
	}
	if (!URL.canParse(value)) {
		throw new InvalidFieldError(FIELD, `"${value}" is not a full web address`, HINT);
	}
	const url = new URL(value);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new InvalidFieldError(
			FIELD,
			`"${value}" must start with http:// or https://, not ${url.protocol}`,
			HINT,
		);
	}
	return url.href;
}
