import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startSandbox, type Sandbox, type SandboxFault } from '../../dev/sandbox/server';
import { expectError, expectSuccess } from './expectAnswer';
import { fetchPath, sendContent, sleep, textMessage } from './sandboxClient';

const DROPPED_BEFORE = 'connection dropped before reading the body';
const DROPPED_AFTER = 'connection dropped after reading the body';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ requestsPerSecond: 10_000 });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

function send(contactSegment = 'contact-1', payload: unknown = textMessage(), init: RequestInit = {}) {
	return fetch(`${sandbox.baseUrl}/v1/message/sendContent/${contactSegment}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(payload),
		...init,
	});
}

/** What a node:http client (as axios uses) sees: an error code, or the status of the answer. */
function sendWithNodeHttp(): Promise<{ status: number } | { errorCode: string | undefined; message: string }> {
	return new Promise((resolve) => {
		const outgoing = request(
			`${sandbox.baseUrl}/v1/message/sendContent/contact-1`,
			{ method: 'POST', headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' } },
			(response) => {
				response.resume();
				response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
			},
		);
		outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ errorCode: error.code, message: error.message }));
		outgoing.end(JSON.stringify(textMessage()));
	});
}

async function waitUntil(condition: () => boolean): Promise<void> {
	while (!condition()) await sleep(10);
}

describe('dropBeforeBody', () => {
	// A small body has arrived with the headers, so the client sees the socket closed; a body
	// still arriving makes the kernel reset the connection instead (ECONNRESET).
	const CLOSED_OR_RESET = expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET)$/);

	test('fetch fails; nothing is processed, the drop is logged', async () => {
		sandbox.injectFault({ kind: 'dropBeforeBody' });

		await expect(send()).rejects.toMatchObject({ message: 'fetch failed', cause: { code: CLOSED_OR_RESET } });
		expect(sandbox.accepted()).toEqual([]);
		expect(sandbox.requests()).toEqual([
			expect.objectContaining({ method: 'POST', channel: 'standard', admitted: false, status: 0, message: DROPPED_BEFORE }),
		]);
	});

	test('a node:http client (as axios uses) gets ECONNRESET', async () => {
		sandbox.injectFault({ kind: 'dropBeforeBody' });
		expect(await sendWithNodeHttp()).toEqual({ errorCode: 'ECONNRESET', message: expect.any(String) });
		expect(sandbox.accepted()).toEqual([]);
	});

	test('the dropped request uses neither an injected answer nor a rate-window slot', async () => {
		const strict = await startSandbox({ requestsPerSecond: 1 });
		try {
			strict.injectFault({ kind: 'dropBeforeBody' });
			strict.injectAnswer({ status: 503, message: 'Service Unavailable' });
			await expect(fetch(`${strict.baseUrl}/v1/message/sendContent/contact-1`, { method: 'POST' })).rejects.toThrow();
			expectError(await sendContent(strict, 'contact-1', textMessage()), 503, 'Service Unavailable');
			expectSuccess(await sendContent(strict, 'contact-1', textMessage()));
		} finally {
			await strict.close();
		}
	});
});

describe('dropAfterBody', () => {
	test('fetch fails the same way, yet the message WAS accepted and recorded', async () => {
		sandbox.injectFault({ kind: 'dropAfterBody' });

		await expect(send('contact-7')).rejects.toMatchObject({
			message: 'fetch failed',
			cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' },
		});
		expect(sandbox.accepted()).toEqual([expect.objectContaining({ contactId: 'contact-7', payload: textMessage() })]);
		expect(sandbox.requests()).toEqual([
			expect.objectContaining({
				channel: 'standard',
				admitted: true,
				status: 0,
				message: `${DROPPED_AFTER} (would have answered 200 Message Sent)`,
			}),
		]);
	});

	test('a node:http client (as axios uses) gets ECONNRESET "socket hang up", and the message is recorded', async () => {
		sandbox.injectFault({ kind: 'dropAfterBody' });
		expect(await sendWithNodeHttp()).toEqual({ errorCode: 'ECONNRESET', message: 'socket hang up' });
		expect(sandbox.accepted()).toHaveLength(1);
	});

	test('the log tells what the answer would have been', async () => {
		sandbox.injectFault({ kind: 'dropAfterBody' });
		await expect(send('contact-1', { body: [] })).rejects.toThrow('fetch failed');
		expect(sandbox.accepted()).toEqual([]);
		expect(sandbox.requests().map(({ status, message }) => [status, message])).toEqual([
			[0, `${DROPPED_AFTER} (would have answered 403 body must contain exactly one element)`],
		]);
	});
});

describe('delayAnswer', () => {
	test('the answer arrives after at least `ms`; the message is recorded', async () => {
		sandbox.injectFault({ kind: 'delayAnswer', ms: 300 });
		const sentAt = performance.now();
		const response = await send();
		const answeredAt = performance.now();

		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'Success', message: 'Message Sent', data: [] });
		expect(answeredAt - sentAt).toBeGreaterThanOrEqual(300);
		expect(sandbox.accepted()).toHaveLength(1);
		expect(sandbox.requests().map(({ status, message }) => [status, message])).toEqual([[200, 'Message Sent']]);
	});

	test('the message is recorded at once; a client giving up meanwhile harms nothing', async () => {
		sandbox.injectFault({ kind: 'delayAnswer', ms: 60_000 });
		const giveUp = new AbortController();
		const sending = send('contact-1', textMessage(), { signal: giveUp.signal });

		await waitUntil(() => sandbox.accepted().length === 1);
		giveUp.abort();
		await expect(sending).rejects.toMatchObject({ name: 'AbortError' });
		expectSuccess(await sendContent(sandbox, 'contact-2', textMessage()));
	});
});

describe('injected faults', () => {
	test('are taken in order, `times` each, by requests to the endpoint only, then normal answers resume', async () => {
		sandbox.injectFault({ kind: 'dropBeforeBody' }, 2);
		sandbox.injectFault({ kind: 'delayAnswer', ms: 1 });

		expectError(await fetchPath(sandbox, '/api/other', { method: 'POST' }), 404, 'Not Found');
		await expect(send()).rejects.toThrow('fetch failed');
		await expect(send()).rejects.toThrow('fetch failed');
		expect((await send()).status).toBe(200);
		expect((await send()).status).toBe(200);
		expect(sandbox.requests().map(({ status }) => status)).toEqual([404, 0, 0, 200, 200]);
		expect(sandbox.stats()).toEqual({ requests: 5, accepted: 2, refused429: 0, dropped: 2 });
	});

	test('are forgotten by reset()', async () => {
		sandbox.injectFault({ kind: 'dropAfterBody' }, 3);
		sandbox.reset();
		expect((await send()).status).toBe(200);
	});

	test.each<[string, SandboxFault, number]>([
		['a negative delay', { kind: 'delayAnswer', ms: -1 }, 1],
		['an unknown kind', { kind: 'explode' } as unknown as SandboxFault, 1],
		['a fractional count', { kind: 'dropAfterBody' }, 1.5],
	])('%s is refused', (_case, fault, times) => {
		expect(() => sandbox.injectFault(fault, times)).toThrow();
	});
});
