export type AttachmentType = 'image' | 'video' | 'audio' | 'file';

export const UNMATCHED_FILE_TYPE = 'Sorry, Url provided is not an image/audio/video file';

const EXTENSIONS: Record<Exclude<AttachmentType, 'file'>, readonly string[]> = {
	image: ['png', 'jpg', 'jpeg', 'gif', 'webp'],
	video: ['mp4', 'mov', 'webm', '3gp'],
	audio: ['mp3', 'ogg', 'oga', 'wav', 'm4a', 'aac', 'opus'],
};

/** The 403 message for an attachment URL, or null when it is acceptable for `type`. */
export function validateAttachmentUrl(type: AttachmentType, url: unknown, field: string): string | null {
	const parsed = parseHttpUrl(url);
	if (parsed === null) return `${field} must be an absolute http(s) URL`;
	if (type === 'file') return null;
	const extension = /\.([^./]+)$/.exec(parsed.pathname)?.[1].toLowerCase();
	return extension !== undefined && EXTENSIONS[type].includes(extension) ? null : UNMATCHED_FILE_TYPE;
}

function parseHttpUrl(url: unknown): URL | null {
	// The URL parser trims surrounding whitespace; the API gets the string as sent.
	if (typeof url !== 'string' || url.trim() !== url) return null;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
	} catch {
		return null;
	}
}
