import { Agent, request } from 'node:http';
import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { expectError } from './expectAnswer';
import { fetchPath, SEND_CONTENT_PATH, sendContent, sendRaw, textMessage } from './sandboxClient';

const ONE_SEGMENT = expect.stringContaining('Contact ID must be exactly one path segment');

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ requestsPerSecond: 10_000 });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('404 for anything but the one endpoint', () => {
	test.each([
		'/',
		'/api',
		'/api/v1/message/sendContent',
		'/api/v1/message/sendContent/',
		'/api/v1/message/sendContent/a/b',
		'/api/v1/message/sendContent/contact-1/',
		'/api/v1/message/send/contact-1',
		'/API/v1/message/sendContent/contact-1',
		'/v1/message/sendContent/contact-1',
	])('POST %s', async (path) => {
		const answer = await fetchPath(sandbox, path, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(textMessage()),
		});
		expectError(answer, 404, 'Not Found');
	});

	test('an empty segment followed by a query string', async () => {
		expectError(await sendRaw(sandbox, `${SEND_CONTENT_PATH}?id=contact-1`), 404, 'Not Found');
	});

	test.each(['..', '.', '%2E%2e', '.%2E'])('a dot segment %s (URL normalization would remove it)', async (segment) => {
		expectError(await sendRaw(sandbox, SEND_CONTENT_PATH + segment), 404, 'Not Found');
	});

	test('an absolute-form request target', async () => {
		const { host } = new URL(sandbox.baseUrl);
		expectError(await sendRaw(sandbox, `http://${host}${SEND_CONTENT_PATH}contact-1`), 404, 'Not Found');
	});
});

describe('405 for methods other than POST, before the token is checked', () => {
	test.each(['GET', 'PUT', 'PATCH', 'DELETE'])('%s', async (method) => {
		const answer = await sendContent(sandbox, 'contact-1', textMessage(), { method, token: null });
		expectError(answer, 405, '405 Method Not Allowed.');
	});

	test('HEAD', async () => {
		const response = await fetch(`${sandbox.baseUrl}/v1/message/sendContent/contact-1`, { method: 'HEAD' });
		expect(response.status).toBe(405);
		expect(response.headers.get('content-type')).toBe('application/json');
	});
});

describe('403 when the contact ID did not stay one path segment', () => {
	afterEach(() => expect(sandbox.accepted()).toEqual([]));

	test('an unencoded "?" turned the rest of the ID into a query string', async () => {
		expectError(await sendContent(sandbox, 'abc?def', textMessage()), 403, ONE_SEGMENT);
	});

	test('an empty query string', async () => {
		expectError(await sendRaw(sandbox, `${SEND_CONTENT_PATH}abc?`), 403, ONE_SEGMENT);
	});

	test('an unencoded "#" (a fragment, which Node passes through to the server)', async () => {
		expectError(await sendRaw(sandbox, `${SEND_CONTENT_PATH}abc#def`), 403, ONE_SEGMENT);
	});

	test('the token is checked first', async () => {
		const answer = await sendContent(sandbox, 'abc?def', textMessage(), { token: 'wrong' });
		expectError(answer, 401, 'API Token is invalid.');
	});
});

describe('requests the HTTP parser refuses', () => {
	test.each([
		['a raw space', `${SEND_CONTENT_PATH}a b`],
		['raw non-ASCII', `${SEND_CONTENT_PATH}ü`],
	])('%s in the path gets a JSON 400 and is logged', async (_case, requestTarget) => {
		expectError(await sendRaw(sandbox, requestTarget), 400, expect.stringMatching(/^Bad Request: /));
		expect(sandbox.requests()).toEqual([
			expect.objectContaining({ method: '', path: '', channel: null, status: 400 }),
		]);
		expect(sandbox.accepted()).toEqual([]);
	});
});

describe('the request log', () => {
	test('holds every request with its arrival, raw path, channel, rate-window slot, status and message, and no token', async () => {
		const arrival = { receivedAt: expect.any(Number), arrivedAtMs: expect.any(Number) };
		const admittedAt = { admittedAtMs: expect.any(Number) };
		await sendContent(sandbox, 'contact%2F1', textMessage());
		await sendContent(sandbox, 'contact-1', textMessage(), { token: 'wrong' });
		await sendContent(sandbox, 'contact-1', textMessage(), { method: 'GET' });
		await sendContent(sandbox, 'contact-1', textMessage(), { token: sandbox.viberToken });

		const requests = sandbox.requests();
		expect(requests).toEqual([
			{ ...arrival, ...admittedAt, method: 'POST', path: `${SEND_CONTENT_PATH}contact%2F1`, channel: 'standard', admitted: true, status: 200, message: 'Message Sent' },
			{ ...arrival, method: 'POST', path: `${SEND_CONTENT_PATH}contact-1`, channel: null, admitted: false, status: 401, message: 'API Token is invalid.' },
			{ ...arrival, method: 'GET', path: `${SEND_CONTENT_PATH}contact-1`, channel: 'standard', admitted: false, status: 405, message: '405 Method Not Allowed.' },
			{ ...arrival, ...admittedAt, method: 'POST', path: `${SEND_CONTENT_PATH}contact-1`, channel: 'viber', admitted: true, status: 403, message: 'Contact ID must be Base64-encoded for Viber channels' },
		]);
		const arrivals = requests.map(({ arrivedAtMs }) => arrivedAtMs);
		expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
		expect(requests.every(({ arrivedAtMs, admittedAtMs }) => admittedAtMs === undefined || admittedAtMs >= arrivedAtMs)).toBe(true);
		const serialized = JSON.stringify(requests);
		expect(serialized).not.toContain(sandbox.token);
		expect(serialized).not.toContain(sandbox.viberToken);
	});

	test('off the endpoint no channel is named, even for a valid token', async () => {
		await sendRaw(sandbox, '/api/v1/message/send/contact-1');
		expect(sandbox.requests()).toEqual([expect.objectContaining({ status: 404, channel: null, admitted: false })]);
	});

	test('reset() forgets it', async () => {
		await sendContent(sandbox, 'contact-1', textMessage());
		sandbox.reset();
		expect(sandbox.requests()).toEqual([]);
		expect(sandbox.accepted()).toEqual([]);
	});
});

describe('keep-alive', () => {
	test('one socket carries successive requests, whatever their answers', async () => {
		const agent = new Agent({ keepAlive: true, maxSockets: 1 });
		const post = (token: string) =>
			new Promise<{ status: number; reusedSocket: boolean }>((resolve, reject) => {
				const outgoing = request(
					`${sandbox.baseUrl}/v1/message/sendContent/contact-1`,
					{ method: 'POST', agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } },
					(response) => {
						response.resume();
						response.on('end', () => resolve({ status: response.statusCode ?? 0, reusedSocket: outgoing.reusedSocket }));
					},
				);
				outgoing.on('error', reject);
				outgoing.end(JSON.stringify(textMessage()));
			});
		try {
			expect(await post(sandbox.token)).toEqual({ status: 200, reusedSocket: false });
			expect(await post('wrong')).toEqual({ status: 401, reusedSocket: true });
			expect(await post(sandbox.token)).toEqual({ status: 200, reusedSocket: true });
		} finally {
			agent.destroy();
		}
	});

	test('close() resolves while a keep-alive connection is open', async () => {
		const other = await startSandbox();
		const agent = new Agent({ keepAlive: true });
		try {
			const response = await new Promise<number>((resolve, reject) => {
				request(`${other.baseUrl}/`, { agent }, (incoming) => {
					incoming.resume();
					incoming.on('end', () => resolve(incoming.statusCode ?? 0));
				})
					.on('error', reject)
					.end();
			});
			expect(response).toBe(404);
			await other.close();
		} finally {
			agent.destroy();
		}
	});
});
