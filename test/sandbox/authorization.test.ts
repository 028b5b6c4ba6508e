import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { expectError, expectSuccess } from './expectAnswer';
import { fetchPath, sendContent, textMessage } from './sandboxClient';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ requestsPerSecond: 10_000 });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('401 unless the bearer token is exactly one of the two channel tokens', () => {
	afterEach(() => expect(sandbox.accepted()).toEqual([]));

	test('no Authorization header', async () => {
		expectError(await sendContent(sandbox, 'contact-1', textMessage(), { token: null }), 401, 'API Token is invalid.');
	});

	test.each([
		['a wrong token', () => 'sandbox-0123456789abcdef01234567'],
		['the token with an extra character', () => `${sandbox.token}x`],
		['the token missing its last character', () => sandbox.token.slice(0, -1)],
		['the token in another case', () => sandbox.token.toUpperCase()],
	])('%s', async (_case, token) => {
		expectError(await sendContent(sandbox, 'contact-1', textMessage(), { token: token() }), 401, 'API Token is invalid.');
	});

	test.each([
		['another scheme', () => `Basic ${sandbox.token}`],
		['no scheme', () => sandbox.token],
		['"Bearer" alone', () => 'Bearer'],
		['two spaces after Bearer', () => `Bearer  ${sandbox.token}`],
	])('%s', async (_case, authorization) => {
		const answer = await fetchPath(sandbox, '/api/v1/message/sendContent/contact-1', {
			method: 'POST',
			headers: { Authorization: authorization(), 'Content-Type': 'application/json' },
			body: JSON.stringify(textMessage()),
		});
		expectError(answer, 401, 'API Token is invalid.');
	});

	test('the token is checked before the body', async () => {
		expectError(await sendContent(sandbox, 'contact-1', { body: [] }, { token: 'wrong' }), 401, 'API Token is invalid.');
	});
});

describe('accepted tokens', () => {
	test('the standard token, for the standard channel', async () => {
		expectSuccess(await sendContent(sandbox, 'contact-1', textMessage()));
		expect(sandbox.accepted()[0].channel).toBe('standard');
	});

	test('the Viber token, for the Viber channel', async () => {
		expectSuccess(await sendContent(sandbox, 'Y29udGFjdC0x', textMessage(), { token: sandbox.viberToken }));
		expect(sandbox.accepted()[0]).toMatchObject({ channel: 'viber', contactId: 'contact-1' });
	});

	test('the scheme is case-insensitive (RFC 9110)', async () => {
		const answer = await fetchPath(sandbox, '/api/v1/message/sendContent/contact-1', {
			method: 'POST',
			headers: { Authorization: `bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(textMessage()),
		});
		expectSuccess(answer);
	});

	test('the empty-body probe tells a valid token (403) from an invalid one (401) and delivers nothing', async () => {
		expectError(await sendContent(sandbox, 'contact-1', { body: [] }), 403, 'body must contain exactly one element');
		expectError(await sendContent(sandbox, 'contact-1', { body: [] }, { token: 'wrong' }), 401, 'API Token is invalid.');
		expect(sandbox.accepted()).toEqual([]);
	});
});

describe('startSandbox tokens', () => {
	test('default to distinct random sandbox tokens', () => {
		expect(sandbox.token).toMatch(/^sandbox-[0-9a-f]{24}$/);
		expect(sandbox.viberToken).toMatch(/^sandbox-viber-[0-9a-f]{24}$/);
	});

	test('can be chosen', async () => {
		const chosen = await startSandbox({ token: 'my-token', viberToken: 'my-viber-token' });
		try {
			expect(chosen).toMatchObject({ token: 'my-token', viberToken: 'my-viber-token' });
			expectSuccess(await sendContent(chosen, 'contact-1', textMessage(), { token: 'my-token' }));
		} finally {
			await chosen.close();
		}
	});

	test('must differ', async () => {
		await expect(startSandbox({ token: 'same', viberToken: 'same' })).rejects.toThrow('must differ');
	});
});
