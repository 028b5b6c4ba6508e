import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { expectError, expectSuccess } from './expectAnswer';
import { sendContent, textMessage } from './sandboxClient';

const VIBER_NOT_BASE64 = 'Contact ID must be Base64-encoded for Viber channels';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ requestsPerSecond: 10_000 });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

function sendStandard(segment: string) {
	return sendContent(sandbox, segment, textMessage());
}

function sendViber(segment: string) {
	return sendContent(sandbox, segment, textMessage(), { token: sandbox.viberToken });
}

function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}

describe('standard channel: the contact ID is the percent-decoded segment', () => {
	test.each([
		'contact-1',
		'a/b?c#d%e+f g ü',
		'😀 family 👨‍👩‍👧',
		'unknow',
		' padded ',
		'x'.repeat(500),
	])('%j arrives intact when percent-encoded', async (contactId) => {
		const segment = encodeURIComponent(contactId);
		expectSuccess(await sendStandard(segment));
		expect(sandbox.accepted()).toEqual([expect.objectContaining({ channel: 'standard', contactId, contactSegment: segment })]);
	});

	test.each(['.', '..', '%2E%2E'])('%j cannot be sent through fetch: it removes dot segments (404)', async (segment) => {
		expectError(await sendStandard(segment), 404, 'Not Found');
	});

	test('"+" in a path is a plus sign, not a space', async () => {
		expectSuccess(await sendStandard('a+b'));
		expect(sandbox.accepted()[0].contactId).toBe('a+b');
	});

	test('unreserved characters may arrive unencoded', async () => {
		expectSuccess(await sendStandard("a:b@c!$&'()*,;=~"));
		expect(sandbox.accepted()[0].contactId).toBe("a:b@c!$&'()*,;=~");
	});

	test('lower-case percent-encoding decodes too', async () => {
		expectSuccess(await sendStandard('a%2fb%c3%bc'));
		expect(sandbox.accepted()[0].contactId).toBe('a/bü');
	});
});

describe('403 for contact IDs that cannot be delivered to', () => {
	afterEach(() => expect(sandbox.accepted()).toEqual([]));

	test.each(['%zz', 'abc%', 'abc%2', '%FF', '%C3'])('malformed percent-encoding %s', async (segment) => {
		expectError(await sendStandard(segment), 403, 'Contact ID is not valid percent-encoded UTF-8');
	});

	test.each(['unknown', 'unknown-42', encodeURIComponent('unknown/42')])('unknown contact %s', async (segment) => {
		expectError(await sendStandard(segment), 403, 'Contact not found');
	});

	test('an unknown contact on Viber is recognized after Base64 decoding', async () => {
		expectError(await sendViber(base64('unknown-7')), 403, 'Contact not found');
	});

	test('the body is validated before the contact', async () => {
		expectError(await sendContent(sandbox, 'unknown-1', { body: [] }), 403, 'body must contain exactly one element');
	});
});

describe('Viber channel: the contact ID must be Base64 of its UTF-8, percent-encoded', () => {
	test.each(['contact-1', 'id>>?ü', 'ü', '😀', 'ab', 'abc'])('%j arrives decoded', async (contactId) => {
		const segment = encodeURIComponent(base64(contactId));
		expectSuccess(await sendViber(segment));
		expect(sandbox.accepted()).toEqual([expect.objectContaining({ channel: 'viber', contactId, contactSegment: segment })]);
	});

	test('Base64 with "+", "/" and "=" (percent-encoded) decodes intact', async () => {
		expect(base64('id>>?ü')).toBe('aWQ+Pj/DvA==');
		expectSuccess(await sendViber('aWQ%2BPj%2FDvA%3D%3D'));
		expect(sandbox.accepted()[0]).toMatchObject({ contactId: 'id>>?ü', contactSegment: 'aWQ%2BPj%2FDvA%3D%3D' });
	});

	test('a leading byte order mark stays part of the ID', async () => {
		expectSuccess(await sendViber(encodeURIComponent(base64('\uFEFFid'))));
		expect(sandbox.accepted()[0].contactId).toBe('\uFEFFid');
	});

	describe('rejected', () => {
		afterEach(() => expect(sandbox.accepted()).toEqual([]));

		test.each([
			['a raw (not Base64) ID', 'contact-1'],
			['a raw ID in the Base64 alphabet, not a multiple of 4 long', 'contact'],
			['unpadded Base64', 'YWI'],
			['Base64url', 'aWQ-Pj_DvA%3D%3D'],
			['non-canonical padding bits', 'YWJ%3D'],
			['padding in the middle', 'YQ%3D%3DYQ%3D%3D'],
			['too much padding', 'YWI%3D%3D'],
			['whitespace inside', 'YW%20Jj'],
			['Base64 of bytes that are not UTF-8', encodeURIComponent(Buffer.from([0xff, 0xfe]).toString('base64'))],
		])('%s', async (_case, segment) => {
			expectError(await sendViber(segment), 403, VIBER_NOT_BASE64);
		});

		test('an unencoded "/" from Base64 splits the path (404)', async () => {
			expectError(await sendViber('aWQ+Pj/DvA=='), 404, 'Not Found');
		});

		test('malformed percent-encoding', async () => {
			expectError(await sendViber('YW%zz'), 403, 'Contact ID is not valid percent-encoded UTF-8');
		});
	});

	test('the standard channel takes a Base64-looking ID as it is', async () => {
		expectSuccess(await sendStandard('Y29udGFjdC0x'));
		expect(sandbox.accepted()[0].contactId).toBe('Y29udGFjdC0x');
	});
});
