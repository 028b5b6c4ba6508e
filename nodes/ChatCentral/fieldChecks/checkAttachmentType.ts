import { describeValue } from './describeValue';
import { InvalidFieldError } from './InvalidFieldError';

export const ATTACHMENT_TYPES = ['image', 'video', 'audio', 'file'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** One of the four attachment kinds the API knows. */
export function checkAttachmentType(value: unknown): AttachmentType {
	const match = ATTACHMENT_TYPES.find((type) => type === value);
	if (match === undefined) {
		const problem = `must be one of ${ATTACHMENT_TYPES.join(', ')}, got ${describeValue(value)}`;
		throw new InvalidFieldError(
			'Attachment Type',
			problem,
			'Choose the kind of file the URL points at; use "file" for documents and anything else.',
			{
				field: 'Attachment Type',
				problem,
				fix: `Send exactly one of ${ATTACHMENT_TYPES.join(', ')}: the kind of file the URL points at; file for documents and anything else.`,
			},
		);
	}
	return match;
}
