import { TextDecoder } from 'node:util';
import type { Channel } from './channel';

export const VIBER_CONTACT_NOT_BASE64 = 'Contact ID must be Base64-encoded for Viber channels';

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export type DecodedContact = { contactId: string } | { error: string };

/** The contact ID a path segment stands for: percent-decoded, and for Viber also Base64-decoded. */
export function decodeContactSegment(segment: string, channel: Channel): DecodedContact {
	let decoded: string;
	try {
		decoded = decodeURIComponent(segment);
	} catch {
		return { error: 'Contact ID is not valid percent-encoded UTF-8' };
	}
	if (channel === 'standard') return { contactId: decoded };
	const contactId = decodeCanonicalBase64Utf8(decoded);
	return contactId === null ? { error: VIBER_CONTACT_NOT_BASE64 } : { contactId };
}

/** Null unless `text` is exactly what standard Base64 encoding of some UTF-8 text produces. */
function decodeCanonicalBase64Utf8(text: string): string | null {
	if (text === '' || !STANDARD_BASE64.test(text)) return null;
	const bytes = Buffer.from(text, 'base64');
	// Rejects non-zero padding bits, which Buffer decoding silently ignores.
	if (bytes.toString('base64') !== text) return null;
	try {
		// ignoreBOM keeps a leading U+FEFF as part of the ID instead of stripping it.
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return null;
	}
}
