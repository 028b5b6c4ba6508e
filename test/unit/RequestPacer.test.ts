import { RequestPacer, SAFETY_MARGIN_MS, START_JITTER_MS, WINDOW_MS } from '../../nodes/ChatCentral/pacing/RequestPacer';

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

const clock = () => Date.now();
const noJitter = () => 0;

/**
 * Asks for `count` starts at once; each granted request is answered `answerAfterMs` later.
 * Returns the (fake) time each start was granted, in order.
 */
async function grantTimes(pacer: RequestPacer, count: number, runForMs: number, answerAfterMs = 0): Promise<number[]> {
	const granted: number[] = [];
	for (let i = 0; i < count; i++) {
		void pacer.acquire().then((slot) => {
			granted.push(Date.now());
			if (answerAfterMs === 0) slot.finished();
			else setTimeout(() => slot.finished(), answerAfterMs);
		});
	}
	await jest.advanceTimersByTimeAsync(runForMs);
	return granted;
}

function peakInAnyWindow(times: number[]): number {
	return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + WINDOW_MS).length));
}

describe('RequestPacer', () => {
	it('grants the first 25 at once, and each next one a second after the answer to the one 25 before it', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		const start = Date.now();
		const times = await grantTimes(pacer, 60, 5_000, 30);

		expect(times).toHaveLength(60);
		expect(times.slice(0, 25).every((t) => t === start)).toBe(true);
		expect(times[25] - start).toBe(30 + WINDOW_MS + SAFETY_MARGIN_MS);
		for (let i = 25; i < 60; i++) expect(times[i] - times[i - 25]).toBe(30 + WINDOW_MS + SAFETY_MARGIN_MS);
	});

	it('never lets more than the limit start within any one-second window, and uses the limit', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		const times = await grantTimes(pacer, 300, 20_000);

		expect(times).toHaveLength(300);
		expect(peakInAnyWindow(times)).toBe(25);
		// 300 messages need at least 11 windows
		expect(times[299] - times[0]).toBe(11 * (WINDOW_MS + SAFETY_MARGIN_MS));
	});

	it('holds the next window while the request that opened it is unanswered: it may still be on its way', async () => {
		const pacer = new RequestPacer(2, clock, noJitter);
		const slots = await Promise.all([pacer.acquire(), pacer.acquire()]);
		let thirdGranted = false;
		void pacer.acquire().then(() => (thirdGranted = true));

		await jest.advanceTimersByTimeAsync(5_000);
		expect(thirdGranted).toBe(false);
		slots[0].finished();
		await jest.advanceTimersByTimeAsync(WINDOW_MS + SAFETY_MARGIN_MS - 1);
		expect(thirdGranted).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		expect(thirdGranted).toBe(true);
	});

	it('keeps to a lower maximum asked for by a credential', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		pacer.capAt(10);
		pacer.capAt(20);
		const times = await grantTimes(pacer, 40, 5_000);

		expect(pacer.currentLimit).toBe(10);
		expect(peakInAnyWindow(times)).toBe(10);
	});

	it('after a 429: pauses every start, cuts the limit by a quarter once per window, then regains it faster with every quiet second', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		pacer.rateLimited(2_000);
		pacer.rateLimited(2_000); // the same crowded window: one signal
		expect(pacer.currentLimit).toBe(18);

		const start = Date.now();
		const times = await grantTimes(pacer, 1, 1_000);
		expect(times).toEqual([]);
		expect(pacer.currentLimit).toBe(19); // 1 quiet second: +1
		await jest.advanceTimersByTimeAsync(1_000);
		expect(pacer.currentLimit).toBe(21); // 2: +2
		await jest.advanceTimersByTimeAsync(200);
		expect(times).toEqual([start + 2_000]); // the pause is over
		await jest.advanceTimersByTimeAsync(800);
		expect(pacer.currentLimit).toBe(25); // 3: +4, capped at the maximum

		pacer.rateLimited(0);
		expect(pacer.currentLimit).toBe(18);
		await jest.advanceTimersByTimeAsync(1_000);
		expect(pacer.currentLimit).toBe(19); // the doubling starts over after each 429
	});

	it('opens each next window up to START_JITTER_MS later, at random, so senders in other processes get a turn', async () => {
		for (const [random, delayMs] of [
			[0, 0],
			[0.5, START_JITTER_MS / 2],
			[0.999, 0.999 * START_JITTER_MS],
		]) {
			const pacer = new RequestPacer(1, clock, () => random);
			(await pacer.acquire()).finished();
			const answeredAt = Date.now();
			let grantedAt = 0;
			void pacer.acquire().then(() => (grantedAt = Date.now()));
			await jest.advanceTimersByTimeAsync(2 * WINDOW_MS);
			expect(grantedAt - answeredAt).toBe(Math.ceil(WINDOW_MS + SAFETY_MARGIN_MS + delayMs));
		}
	});

	it('lets a waiting request go when its execution is cancelled, without holding up the others', async () => {
		const pacer = new RequestPacer(1, clock, noJitter);
		(await pacer.acquire()).finished();
		const cancel = new AbortController();
		const cancelled = pacer.acquire(cancel.signal);
		const next = pacer.acquire();
		cancel.abort(new Error('cancelled'));

		await expect(cancelled).rejects.toThrow('cancelled');
		const start = Date.now();
		await jest.advanceTimersByTimeAsync(WINDOW_MS + SAFETY_MARGIN_MS);
		await expect(next).resolves.toEqual({ finished: expect.any(Function) });
		expect(Date.now() - start).toBe(WINDOW_MS + SAFETY_MARGIN_MS);
	});
});
