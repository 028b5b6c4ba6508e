import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { expectError, expectSuccess } from './expectAnswer';
import { sendContent, sendForRetryAfter, sleep, textMessage } from './sandboxClient';

// Longer than any test here: a storm that must still rage when the requests arrive.
const LONG_STORM_MS = 60_000;

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ requestsPerSecond: 3 });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

test('every request with a valid token gets 429, none is accepted or takes a rate-window slot', async () => {
	sandbox.storm(LONG_STORM_MS);

	for (let index = 0; index < 5; index++) {
		expectError(await sendContent(sandbox, 'contact-1', textMessage()), 429, 'Too many requests');
	}
	expectError(
		await sendContent(sandbox, 'Y29udGFjdC0x', textMessage(), { token: sandbox.viberToken }),
		429,
		'Too many requests',
	);
	expect(sandbox.accepted()).toEqual([]);
	expect(sandbox.requests().map(({ status, admitted }) => [status, admitted])).toEqual(Array(6).fill([429, false]));

	sandbox.storm(0);
	for (let index = 0; index < 3; index++) expectSuccess(await sendContent(sandbox, 'contact-1', textMessage()));
});

test('without retryAfterSeconds its 429s carry no Retry-After, with it exactly that, whatever the Retry-After mode', async () => {
	sandbox.storm(LONG_STORM_MS);
	expect(await sendForRetryAfter(sandbox)).toEqual({ status: 429, retryAfter: null });

	sandbox.setRetryAfter('httpDate');
	sandbox.storm(LONG_STORM_MS, 7);
	expect(await sendForRetryAfter(sandbox)).toEqual({ status: 429, retryAfter: '7' });
});

test('the token and method are still checked first', async () => {
	sandbox.storm(LONG_STORM_MS);
	expectError(await sendContent(sandbox, 'contact-1', textMessage(), { token: 'wrong' }), 401, 'API Token is invalid.');
	expectError(await sendContent(sandbox, 'contact-1', textMessage(), { method: 'GET' }), 405, '405 Method Not Allowed.');
});

test('after its duration the answers are normal again', async () => {
	sandbox.storm(200);
	await sleep(250);
	expectSuccess(await sendContent(sandbox, 'contact-1', textMessage()));
});

test('reset() ends it', async () => {
	sandbox.storm(LONG_STORM_MS);
	sandbox.reset();
	expectSuccess(await sendContent(sandbox, 'contact-1', textMessage()));
});

test('a new storm replaces the one raging', async () => {
	sandbox.storm(LONG_STORM_MS, 5);
	sandbox.storm(0);
	expectSuccess(await sendContent(sandbox, 'contact-1', textMessage()));
});

test.each([
	[-1, undefined],
	[Number.NaN, undefined],
	[100, 1.5],
	[100, -1],
])('storm(%p, %p) is refused', (durationMs, retryAfterSeconds) => {
	expect(() => sandbox.storm(durationMs, retryAfterSeconds)).toThrow();
});
