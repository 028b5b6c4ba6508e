import { describeValue } from './describeValue';
import { InvalidFieldError } from './InvalidFieldError';

export const ATTACHMENT_TYPES = ['image', 'video', 'audio', 'file'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** One of the four attachment kinds the API knows. */
export function checkAttachmentType(value: unknown): AttachmentType {
	const match = ATTACHMENT_TYPES.find((type) => type === value);
	if (match === undefined) {
		throw new InvalidFieldError(
			'Attachment Type',
			`must be one of ${ATTACHMENT_TYPES.join(', ')}, got ${describeValue(value)}`,
			'Choose the kind of file the URL points at; use "file" for documents and anything else.',
		);
	}
	return match;
}
