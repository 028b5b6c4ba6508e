import { TextDecoder } from 'node:util';

export type ParsedBody = { value: unknown } | { error: string };

export function parseJsonBody(contentType: string | undefined, body: Buffer): ParsedBody {
	const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (mediaType !== 'application/json') return { error: 'Content-Type must be application/json' };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(body);
	} catch {
		return { error: 'Request body must be UTF-8 encoded' };
	}
	try {
		return { value: JSON.parse(text) };
	} catch {
		return { error: 'Request body is not valid JSON' };
	}
}
