import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { expectError, expectSuccess } from './expectAnswer';
import { sendContent, textMessage } from './sandboxClient';

const UNMATCHED_FILE_TYPE = 'Sorry, Url provided is not an image/audio/video file';

let sandbox: Sandbox;

beforeAll(async () => {
	// Far above what these tests send, so no request here meets the rate limit.
	sandbox = await startSandbox({ requestsPerSecond: 10_000 });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

function send(payload: unknown) {
	return sendContent(sandbox, 'contact-1', payload);
}

function element(fields: Record<string, unknown>) {
	return { body: [fields] };
}

function quickReply(replies: unknown, title: unknown = 'Pick one') {
	return element({ type: 'quick_reply', title, replies });
}

describe('accepted messages', () => {
	const messages = [
		element({ type: 'text', text: 'Hi there' }),
		element({ type: 'image', url: 'https://example.com/cat.png' }),
		element({ type: 'video', url: 'http://example.com/clip.mp4' }),
		element({ type: 'audio', url: 'https://example.com/voice.ogg' }),
		element({ type: 'file', url: 'https://example.com/report' }),
		quickReply(['Black', 'Blue', 'Grey', 'Red'], 'What is your favorite color?'),
	];

	test('each of the six element types is accepted and recorded in order', async () => {
		for (const message of messages) expectSuccess(await send(message));

		const accepted = sandbox.accepted();
		expect(accepted.map((record) => record.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(accepted.map((record) => record.payload)).toEqual(messages);
		for (const record of accepted) {
			expect(record).toMatchObject({ channel: 'standard', contactId: 'contact-1', contactSegment: 'contact-1' });
			expect(record.receivedAt).toBeGreaterThan(Date.now() - 60_000);
		}
	});

	test('forceCancelSurvey: true is accepted and kept in the payload', async () => {
		const payload = { ...textMessage(), forceCancelSurvey: true };
		expectSuccess(await send(payload));
		expect(sandbox.accepted()[0].payload).toEqual(payload);
	});

	test('Content-Type with a charset parameter is accepted', async () => {
		expectSuccess(
			await sendContent(sandbox, 'contact-1', textMessage(), { contentType: 'application/json; charset=utf-8' }),
		);
	});

	test('attachment extensions are matched case-insensitively, ignoring the query string', async () => {
		expectSuccess(await send(element({ type: 'image', url: 'https://example.com/CAT.JPEG?size=large' })));
		expectSuccess(await send(element({ type: 'audio', url: 'https://example.com/a/b/voice.opus#t=3' })));
	});

	test('exactly 10 replies of exactly 20 code points (emoji count as one) are accepted', async () => {
		const twentyEmoji = '😀'.repeat(20);
		expect(twentyEmoji.length).toBe(40);
		const replies = [twentyEmoji, 'x'.repeat(20), ...Array.from({ length: 8 }, (_, index) => `Option ${index}`)];
		expectSuccess(await send(quickReply(replies)));
	});
});

describe('rejected bodies (403, nothing recorded)', () => {
	afterEach(() => expect(sandbox.accepted()).toEqual([]));

	test.each([
		['forceCancelSurvey false', { ...textMessage(), forceCancelSurvey: false }, 'forceCancelSurvey must be true when present'],
		['forceCancelSurvey "yes"', { ...textMessage(), forceCancelSurvey: 'yes' }, 'forceCancelSurvey must be true when present'],
		['an unknown top-level key', { ...textMessage(), priority: 'high' }, 'Unknown top-level key "priority": only "body" and "forceCancelSurvey" are allowed'],
		['no body', {}, 'body must be an array'],
		['body as an object', { body: { type: 'text', text: 'Hi' } }, 'body must be an array'],
		['an empty body (the token probe)', { body: [] }, 'body must contain exactly one element'],
		['two elements', { body: [textMessage().body[0], textMessage().body[0]] }, 'body must contain exactly one element'],
		['an array payload', [textMessage()], 'Request body must be a JSON object'],
		['a null element', { body: [null] }, 'body[0] must be an object'],
		['an unknown type', element({ type: 'location', text: 'Hi' }), 'body[0].type must be one of text, image, video, audio, file, quick_reply'],
		['a missing type', element({ text: 'Hi' }), 'body[0].type must be one of text, image, video, audio, file, quick_reply'],
		['an unknown element key', element({ type: 'text', text: 'Hi', url: 'https://example.com/a.png' }), 'body[0] has unknown key "url" for type "text"'],
		['a missing text', element({ type: 'text' }), 'body[0].text is required for type "text"'],
		['a missing url', element({ type: 'image' }), 'body[0].url is required for type "image"'],
		['a missing replies', element({ type: 'quick_reply', title: 'Pick' }), 'body[0].replies is required for type "quick_reply"'],
		['an empty text', element({ type: 'text', text: '' }), 'body[0].text must be a non-empty string'],
		['a whitespace-only text', element({ type: 'text', text: ' \t\n ' }), 'body[0].text must be a non-empty string'],
		['a numeric text', element({ type: 'text', text: 42 }), 'body[0].text must be a non-empty string'],
		['a whitespace-only title', quickReply(['Yes'], '   '), 'body[0].title must be a non-empty string'],
		['no replies', quickReply([]), 'body[0].replies must be an array of 1 to 10 strings'],
		['11 replies', quickReply(Array.from({ length: 11 }, (_, index) => `R${index}`)), 'body[0].replies must be an array of 1 to 10 strings'],
		['replies as a string', quickReply('Yes'), 'body[0].replies must be an array of 1 to 10 strings'],
		['a whitespace-only reply', quickReply(['Yes', '  ']), 'body[0].replies[1] must be a non-empty string'],
		['a numeric reply', quickReply([1]), 'body[0].replies[0] must be a non-empty string'],
		['a reply of 21 code points', quickReply(['😀'.repeat(21)]), 'body[0].replies[0] must be at most 20 characters'],
		['a reply of 21 letters', quickReply(['x'.repeat(21)]), 'body[0].replies[0] must be at most 20 characters'],
		['an ftp URL', element({ type: 'file', url: 'ftp://example.com/report.pdf' }), 'body[0].url must be an absolute http(s) URL'],
		['a relative URL', element({ type: 'file', url: '/report.pdf' }), 'body[0].url must be an absolute http(s) URL'],
		['a javascript: URL', element({ type: 'image', url: 'javascript:alert(1)//.png' }), 'body[0].url must be an absolute http(s) URL'],
		['a URL with surrounding spaces', element({ type: 'file', url: ' https://example.com/a.pdf' }), 'body[0].url must be an absolute http(s) URL'],
		['a non-string URL', element({ type: 'file', url: ['https://example.com/a.pdf'] }), 'body[0].url must be an absolute http(s) URL'],
		['an image URL without an image extension', element({ type: 'image', url: 'https://example.com/cat.mp4' }), UNMATCHED_FILE_TYPE],
		['an image URL whose extension is only in the query', element({ type: 'image', url: 'https://example.com/cat?format=.png' }), UNMATCHED_FILE_TYPE],
		['a video URL without an extension', element({ type: 'video', url: 'https://example.com/clip' }), UNMATCHED_FILE_TYPE],
		['an audio URL with an image extension', element({ type: 'audio', url: 'https://example.com/voice.png' }), UNMATCHED_FILE_TYPE],
	])('%s', async (_case, payload, message) => {
		expectError(await send(payload), 403, message);
	});

	test('a body that is not JSON', async () => {
		expectError(await sendContent(sandbox, 'contact-1', null, { rawBody: '{"body": [' }), 403, 'Request body is not valid JSON');
	});

	test('a body that is not UTF-8', async () => {
		const rawBody = Uint8Array.from([...Buffer.from('{"body":[{"type":"text","text":"'), 0xff, ...Buffer.from('"}]}')]);
		expectError(await sendContent(sandbox, 'contact-1', null, { rawBody }), 403, 'Request body must be UTF-8 encoded');
	});

	test.each(['text/plain', 'application/x-www-form-urlencoded'])('Content-Type %s', async (contentType) => {
		expectError(
			await sendContent(sandbox, 'contact-1', textMessage(), { contentType }),
			403,
			'Content-Type must be application/json',
		);
	});
});
