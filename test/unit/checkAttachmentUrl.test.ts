import { checkAttachmentUrl } from '../../nodes/ChatCentral/fieldChecks/checkAttachmentUrl';

describe('checkAttachmentUrl', () => {
	it.each([
		['https://example.com/cat.png', 'https://example.com/cat.png'],
		['http://example.com/a b.mp3?x=1', 'http://example.com/a%20b.mp3?x=1'],
		['  https://example.com/doc.pdf ', 'https://example.com/doc.pdf'],
		['HTTPS://Example.com', 'https://example.com/'],
	])('accepts %p as %p', (value, href) => {
		expect(checkAttachmentUrl(value)).toBe(href);
	});

	it.each([
		['', 'is empty'],
		['   ', 'is empty'],
		[undefined, 'must be text, got nothing'],
		['example.com/cat.png', '"example.com/cat.png" is not a full web address'],
		['/cat.png', '"/cat.png" is not a full web address'],
		['ftp://example.com/cat.png', '"ftp://example.com/cat.png" must start with http:// or https://, not ftp:'],
		['file:///etc/passwd', '"file:///etc/passwd" must start with http:// or https://, not file:'],
		['javascript:alert(1)', '"javascript:alert(1)" must start with http:// or https://, not javascript:'],
	])('refuses %p: %s', (value, problem) => {
		expect(() => checkAttachmentUrl(value)).toThrow(expect.objectContaining({ field: 'URL', problem }) as Error);
		// Its hint speaks to a model as well as to a person
		expect(() => checkAttachmentUrl(value)).toThrow(
			expect.objectContaining({
				refusalForModel: `URL: ${problem}. Give the full public address of the file, starting with https:// (or http://), e.g. https://example.com/photo.jpg.`,
			}) as Error,
		);
	});
});
