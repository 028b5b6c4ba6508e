import { contactIdPathSegment } from '../../nodes/ChatCentral/resources/message/contactIdPathSegment';

describe('contactIdPathSegment', () => {
	it.each([
		['plain', 'plain'],
		['a/b', 'a%2Fb'],
		['a?b', 'a%3Fb'],
		['a#b', 'a%23b'],
		['100%', '100%25'],
		['+5491122', '%2B5491122'],
		['two words', 'two%20words'],
		['José', 'Jos%C3%A9'],
		['..%2F', '..%252F'],
	])('keeps %p inside one segment as %p', (id, segment) => {
		const encoded = contactIdPathSegment(id, false);
		expect(encoded).toBe(segment);
		expect(encoded).not.toMatch(/[/?#]/);
		expect(decodeURIComponent(encoded)).toBe(id);
	});

	it('Base64-encodes the UTF-8 ID for Viber channels, then percent-encodes / + =', () => {
		const id = 'ünï/cødé?';
		const encoded = contactIdPathSegment(id, true);
		const base64 = decodeURIComponent(encoded);
		expect(base64).toBe(Buffer.from(id, 'utf8').toString('base64'));
		expect(Buffer.from(base64, 'base64').toString('utf8')).toBe(id);
		expect(encoded).not.toMatch(/[/+=]/);
	});

	it('encodes Base64 padding and the + and / characters', () => {
		// '>>>?' encodes to 'Pj4+Pw==' and '???' to 'Pz8/': both use the characters that need escaping
		expect(contactIdPathSegment('>>>?', true)).toBe('Pj4%2BPw%3D%3D');
		expect(contactIdPathSegment('???', true)).toBe('Pz8%2F');
	});
});
