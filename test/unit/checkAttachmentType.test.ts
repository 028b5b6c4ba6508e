import { ATTACHMENT_TYPES, checkAttachmentType } from '../../nodes/ChatCentral/fieldChecks/checkAttachmentType';

describe('checkAttachmentType', () => {
	it.each(ATTACHMENT_TYPES)('accepts %s', (type) => {
		expect(checkAttachmentType(type)).toBe(type);
	});

	it('has exactly the four types of the contract', () => {
		expect([...ATTACHMENT_TYPES].sort()).toEqual(['audio', 'file', 'image', 'video']);
	});

	it.each([
		['gif', 'must be one of image, video, audio, file, got "gif"'],
		['Image', 'must be one of image, video, audio, file, got "Image"'],
		['text', 'must be one of image, video, audio, file, got "text"'],
		[undefined, 'must be one of image, video, audio, file, got nothing'],
	])('refuses %p', (value, problem) => {
		expect(() => checkAttachmentType(value)).toThrow(
			expect.objectContaining({ field: 'Attachment Type', problem }) as Error,
		);
		expect(() => checkAttachmentType(value)).toThrow(
			expect.objectContaining({
				refusalForModel: `Attachment Type: ${problem}. Send exactly one of image, video, audio, file: the kind of file the URL points at; file for documents and anything else.`,
			}) as Error,
		);
	});
});
