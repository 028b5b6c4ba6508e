import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { sendContent, sleep, textMessage, type ApiAnswer } from './sandboxClient';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ requestsPerSecond: 3 });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

function burst(count: number, token = sandbox.token, contactSegment = 'contact-1'): Promise<ApiAnswer[]> {
	return Promise.all(Array.from({ length: count }, () => sendContent(sandbox, contactSegment, textMessage(), { token })));
}

describe('peakRequestsInAnyWindow', () => {
	test('is 0 before any request', () => {
		expect(sandbox.peakRequestsInAnyWindow()).toBe(0);
	});

	test('8 requests at once: 8 sent, of which the window admitted 3', async () => {
		await burst(8);
		expect(sandbox.peakRequestsInAnyWindow()).toBe(8);
		expect(sandbox.peakRequestsInAnyWindow({ statuses: 'all' })).toBe(8);
		expect(sandbox.peakRequestsInAnyWindow({ statuses: 'admitted' })).toBe(3);
	});

	test('5 requests, then 5 more over 1 s later: the peak is 5, over a long enough window 10', async () => {
		await burst(5);
		await sleep(1100);
		await burst(5);
		expect(sandbox.peakRequestsInAnyWindow()).toBe(5);
		expect(sandbox.peakRequestsInAnyWindow({ statuses: 'admitted' })).toBe(3);
		expect(sandbox.peakRequestsInAnyWindow({ windowMs: 60_000 })).toBe(10);
		expect(sandbox.peakRequestsInAnyWindow({ windowMs: 60_000, statuses: 'admitted' })).toBe(6);
	});

	test('windowMs sets the span: bursts 300 ms apart fall in one minute, never in one 250 ms window', async () => {
		await burst(4);
		await sleep(300);
		await burst(4);
		expect(sandbox.peakRequestsInAnyWindow({ windowMs: 60_000 })).toBe(8);
		expect(sandbox.peakRequestsInAnyWindow({ windowMs: 250 })).toBeLessThanOrEqual(4);
	});

	test('counts only the channel asked for (default standard), and no request without a valid token', async () => {
		await burst(2);
		await burst(4, sandbox.viberToken, 'Y29udGFjdC0x');
		await burst(6, 'wrong');
		expect(sandbox.peakRequestsInAnyWindow()).toBe(2);
		expect(sandbox.peakRequestsInAnyWindow({ channel: 'standard' })).toBe(2);
		expect(sandbox.peakRequestsInAnyWindow({ channel: 'viber' })).toBe(4);
		expect(sandbox.peakRequestsInAnyWindow({ channel: 'viber', statuses: 'admitted' })).toBe(3);
	});

	test("a request dropped before its body was read counts in 'all' (the client sent it), not in 'admitted'", async () => {
		sandbox.injectFault({ kind: 'dropBeforeBody' });
		await expect(sendContent(sandbox, 'contact-1', textMessage())).rejects.toThrow('fetch failed');
		expect(sandbox.peakRequestsInAnyWindow()).toBe(1);
		expect(sandbox.peakRequestsInAnyWindow({ statuses: 'admitted' })).toBe(0);
	});

	test('is forgotten by reset()', async () => {
		await burst(2);
		sandbox.reset();
		expect(sandbox.peakRequestsInAnyWindow()).toBe(0);
	});

	test.each([0, -1, Number.NaN])('windowMs %p is refused', (windowMs) => {
		expect(() => sandbox.peakRequestsInAnyWindow({ windowMs })).toThrow('windowMs must be a positive number');
	});
});

describe('stats', () => {
	test('counts requests, accepted messages, 429s and dropped connections', async () => {
		expect(sandbox.stats()).toEqual({ requests: 0, accepted: 0, refused429: 0, dropped: 0 });

		sandbox.injectFault({ kind: 'dropAfterBody' });
		await expect(sendContent(sandbox, 'contact-1', textMessage())).rejects.toThrow('fetch failed');
		await sendContent(sandbox, 'contact-1', textMessage());
		await sendContent(sandbox, 'contact-1', textMessage(), { token: 'wrong' });
		sandbox.storm(60_000);
		await burst(2);

		expect(sandbox.stats()).toEqual({ requests: 5, accepted: 2, refused429: 2, dropped: 1 });
	});
});
