import { startSandbox, type RetryAfterMode, type Sandbox } from '../../dev/sandbox/server';
import { sendForRetryAfter, sleep } from './sandboxClient';

const LIMIT = 3;

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ requestsPerSecond: LIMIT });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

/** Fills the token's window one request at a time, then returns the answer to the next one. */
async function answerToAFullWindow(target: Sandbox = sandbox) {
	for (let index = 0; index < LIMIT; index++) expect((await sendForRetryAfter(target)).status).toBe(200);
	const refused = await sendForRetryAfter(target);
	expect(refused.status).toBe(429);
	return refused;
}

test('by default a 429 carries no Retry-After, as the contract documents none', async () => {
	expect((await answerToAFullWindow()).retryAfter).toBeNull();
});

test("'seconds': a 429 of a just-full window says 1, and retrying after that many seconds succeeds", async () => {
	sandbox.setRetryAfter('seconds');
	const { retryAfter } = await answerToAFullWindow();
	expect(retryAfter).toBe('1');

	await sleep(Number(retryAfter) * 1000);
	expect(await sendForRetryAfter(sandbox)).toEqual({ status: 200, retryAfter: null });
});

test("'httpDate': the date is when the window frees a slot, rounded up to the second", async () => {
	sandbox.setRetryAfter('httpDate');
	const firstSentAt = Date.now();
	const { retryAfter } = await answerToAFullWindow();
	const answeredAt = Date.now();

	expect(retryAfter).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
	const retryAt = Date.parse(retryAfter ?? '');
	expect(new Date(retryAt).toUTCString()).toBe(retryAfter);
	expect(retryAt % 1000).toBe(0);
	// The oldest admission frees its slot 1 s after it; rounding up adds less than 1 s more.
	expect(retryAt).toBeGreaterThanOrEqual(firstSentAt + 1000);
	expect(retryAt).toBeLessThan(answeredAt + 2000);
});

test('the startSandbox option sets it for every 429, concurrent ones included', async () => {
	const withSeconds = await startSandbox({ requestsPerSecond: LIMIT, retryAfter: 'seconds' });
	try {
		const answers = await Promise.all(Array.from({ length: LIMIT + 3 }, () => sendForRetryAfter(withSeconds)));
		const refused = answers.filter(({ status }) => status === 429);
		expect(refused).toEqual(Array(3).fill({ status: 429, retryAfter: '1' }));
		for (const admitted of answers.filter(({ status }) => status === 200)) expect(admitted.retryAfter).toBeNull();
	} finally {
		await withSeconds.close();
	}
});

test('setRetryAfter(undefined) removes it, and reset() restores the mode the sandbox started with', async () => {
	const withDate = await startSandbox({ requestsPerSecond: LIMIT, retryAfter: 'httpDate' });
	try {
		withDate.setRetryAfter(undefined);
		expect((await answerToAFullWindow(withDate)).retryAfter).toBeNull();

		withDate.reset();
		expect((await answerToAFullWindow(withDate)).retryAfter).toMatch(/ GMT$/);
	} finally {
		await withDate.close();
	}
});

test('an unknown mode is refused', async () => {
	await expect(startSandbox({ retryAfter: 'minutes' as RetryAfterMode })).rejects.toThrow('retryAfter must be one of');
	expect(() => sandbox.setRetryAfter('http-date' as RetryAfterMode)).toThrow('retryAfter must be one of');
});
