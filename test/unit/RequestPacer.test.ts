import { getEventListeners } from 'node:events';

import {
	type PacerSlot,
	REFUSED_JITTER_MS,
	RequestPacer,
	SAFETY_MARGIN_MS,
	SPREAD_FACTOR,
	START_JITTER_MS,
	WINDOW_MS,
	slotHoldMs,
} from '../../nodes/ChatCentral/pacing/RequestPacer';
import { PausedTooLongError } from '../../nodes/ChatCentral/pacing/PausedTooLongError';
import { QUIET_STEP_MS } from '../../nodes/ChatCentral/pacing/adaptiveRate';

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

const clock = () => Date.now();
const noJitter = () => 0;
// Starts while the window is full, at 25 per second
const SPREAD_MS = WINDOW_MS / (SPREAD_FACTOR * 25);

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

/** `count` slots asked for at once, once the spread between their starts has passed. */
async function slotsAtOnce(pacer: RequestPacer, count: number): Promise<PacerSlot[]> {
	const slots = Promise.all(Array.from({ length: count }, () => pacer.acquire()));
	await jest.advanceTimersByTimeAsync((count * WINDOW_MS) / (SPREAD_FACTOR * pacer.currentLimit));
	return await slots;
}

function peakInAnyWindow(times: number[]): number {
	return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + WINDOW_MS).length));
}

describe('RequestPacer', () => {
	it('grants the first 25 within a quarter second, and each next one a second after the one 25 before it arrived: a faraway API loses no round trip per window', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		const start = Date.now();
		const times = await grantTimes(pacer, 60, 5_000, 150);

		expect(times).toHaveLength(60);
		expect(times.slice(0, 25).map((t) => t - start)).toEqual(Array.from({ length: 25 }, (_, i) => i * SPREAD_MS));
		// The first window's round trips may hold n8n's wait to put them on the wire: from their answers
		expect(times[25] - start).toBe(150 + WINDOW_MS + SAFETY_MARGIN_MS);
		for (let i = 26; i < 50; i++) expect(times[i] - times[i - 1]).toBe(SPREAD_MS);
		// From then on every round trip is 150 ms: reckoned from the answer less that
		for (let i = 50; i < 60; i++) expect(times[i] - times[i - 25]).toBe(WINDOW_MS + SAFETY_MARGIN_MS);
	});

	it('reckons from the shortest round trip seen: a slower answer holds its window longer', async () => {
		const pacer = new RequestPacer(1, clock, noJitter);
		(await pacer.acquire()).finished(); // the first window
		await jest.advanceTimersByTimeAsync(WINDOW_MS + SAFETY_MARGIN_MS);
		const first = await pacer.acquire();
		await jest.advanceTimersByTimeAsync(100);
		first.finished(); // round trip 100 ms
		const second = await grantTimes(pacer, 1, WINDOW_MS + SAFETY_MARGIN_MS, 300); // round trip 300 ms
		expect(second).toHaveLength(1);

		let thirdGrantedAt = 0;
		void pacer.acquire().then(() => (thirdGrantedAt = Date.now()));
		await jest.advanceTimersByTimeAsync(3 * WINDOW_MS);
		// It arrived at most 100 ms before its answer, so its window frees 200 ms after its start
		expect(thirdGrantedAt - second[0]).toBe(300 - 100 + WINDOW_MS + SAFETY_MARGIN_MS);
	});

	it('never lets more than the limit start within any one-second window, and uses the limit', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		const times = await grantTimes(pacer, 300, 20_000);

		expect(times).toHaveLength(300);
		expect(peakInAnyWindow(times)).toBe(25);
		// 300 messages need at least 11 windows; the second one spread over 24 spaces
		expect(times[299] - times[0]).toBe(11 * (WINDOW_MS + SAFETY_MARGIN_MS) + 24 * SPREAD_MS);
	});

	it('holds the next window while the request that opened it is unanswered: it may still be on its way', async () => {
		const pacer = new RequestPacer(2, clock, noJitter);
		const slots = await slotsAtOnce(pacer, 2);
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

	it('after a 429: cuts the limit by a quarter, then regains it faster with every quiet step (QUIET_STEP_MS)', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		const [first, second] = await slotsAtOnce(pacer, 2);
		first.refused();
		expect(pacer.currentLimit).toBe(18);
		await jest.advanceTimersByTimeAsync(QUIET_STEP_MS);
		expect(pacer.currentLimit).toBe(18); // 1 quiet step: nothing yet
		await jest.advanceTimersByTimeAsync(QUIET_STEP_MS);
		expect(pacer.currentLimit).toBe(19); // 2: +1
		await jest.advanceTimersByTimeAsync(QUIET_STEP_MS);
		expect(pacer.currentLimit).toBe(21); // 3: +2
		await jest.advanceTimersByTimeAsync(QUIET_STEP_MS);
		expect(pacer.currentLimit).toBe(25); // 4: +4, capped at the maximum

		second.refused(); // started before the cut: its 429 is old news
		expect(pacer.currentLimit).toBe(25);
		const third = await pacer.acquire();
		third.refused();
		expect(pacer.currentLimit).toBe(18);
		await jest.advanceTimersByTimeAsync(2 * QUIET_STEP_MS);
		expect(pacer.currentLimit).toBe(19); // the doubling starts over after each cut
	});

	it('cuts once per round trip: only a request started after the last cut can say it was not enough', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		const sentBeforeTheCut = await slotsAtOnce(pacer, 3);
		for (const slot of sentBeforeTheCut) slot.refused(); // one crowded window: one signal
		expect(pacer.currentLimit).toBe(18);
		await jest.advanceTimersByTimeAsync(150);
		(await pacer.acquire()).refused();
		expect(pacer.currentLimit).toBe(13);
	});

	it("keeps its share of a full window after a 429 while the others had as much: the shares add up to the token's rate", async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		(await pacer.acquire()).refused();
		await jest.advanceTimersByTimeAsync(150);
		(await pacer.acquire()).refused();
		expect(pacer.currentLimit).toBe(13);
		expect(await grantTimes(pacer, 12, 400)).toHaveLength(12);
		(await pacer.acquire()).refused(); // 12 of the window's 25 were this pacer's: the others had 13
		expect(pacer.currentLimit).toBe(12); // not 9, a quarter less
	});

	it('gives up a quarter after a 429 when it held more of the full window than all the others', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		const accepted = await slotsAtOnce(pacer, 22);
		for (const slot of accepted) slot.finished();
		await jest.advanceTimersByTimeAsync(400);
		(await pacer.acquire()).refused(); // 22 of 25: the others had 3
		expect(pacer.currentLimit).toBe(18);
	});

	it('a 429 without Retry-After pauses nothing: the next request with a free slot starts after the spread alone', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		(await pacer.acquire()).refused();
		const spreadAfterTheCut = WINDOW_MS / (SPREAD_FACTOR * pacer.currentLimit);
		const refusedAt = Date.now();
		expect(await grantTimes(pacer, 1, WINDOW_MS)).toEqual([Math.ceil(refusedAt + spreadAfterTheCut)]);
	});

	it('a 429 with Retry-After: no start before ChatCentral said, and the limit cut', async () => {
		const pacer = new RequestPacer(25, clock, noJitter);
		const [first, second] = await slotsAtOnce(pacer, 2);
		first.refused(2_000);
		second.refused(2_000); // the same crowded window: one signal
		expect(pacer.currentLimit).toBe(18);

		const start = Date.now();
		const times = await grantTimes(pacer, 1, 1_000);
		expect(times).toEqual([]);
		expect(pacer.currentLimit).toBe(18); // waiting as asked is not quiet time
		await jest.advanceTimersByTimeAsync(1_200);
		expect(times).toEqual([start + 2_000]); // the pause is over
		await jest.advanceTimersByTimeAsync(2 * QUIET_STEP_MS - 200);
		expect(pacer.currentLimit).toBe(19); // the regain starts after it: +1
	});

	it('fails a waiting request at once when a pause ChatCentral asks for outlasts its budget; one within its budget waits it out', async () => {
		const pacer = new RequestPacer(1, clock, noJitter);
		const refused = await pacer.acquire();
		const withinBudget = pacer.acquire(undefined, undefined, 130_000);
		const cancel = new AbortController();
		const pastBudget = pacer.acquire(cancel.signal, undefined, 60_000);
		refused.refused(120_000);

		await expect(pastBudget).rejects.toThrow(new PausedTooLongError(120_000));
		cancel.abort(new Error('cancelled')); // the failed one is no longer waiting: nothing else goes with it
		await expect(pacer.acquire(undefined, undefined, 60_000)).rejects.toBeInstanceOf(PausedTooLongError); // asked during the pause
		await jest.advanceTimersByTimeAsync(120_000);
		await expect(withinBudget).resolves.toMatchObject({ pausedForMs: 120_000 });
	});

	it('counts only the paused part of a wait, and every pause met while waiting, against the budget', async () => {
		const pacer = new RequestPacer(1, clock, noJitter);
		(await pacer.acquire()).finished();
		const refused = pacer.acquire(); // its turn comes a second later: not a pause
		const ahead = pacer.acquire();
		const waiting = pacer.acquire(undefined, undefined, 60_000);
		let waitingFailedAt = 0;
		waiting.catch(() => (waitingFailedAt = Date.now()));
		await jest.advanceTimersByTimeAsync(WINDOW_MS + SAFETY_MARGIN_MS);
		(await refused).refused(40_000);
		const pauseStart = Date.now();
		await jest.advanceTimersByTimeAsync(40_000);

		const second = await ahead;
		expect(second.pausedForMs).toBe(40_000);
		second.refused(30_000); // 40 s and 30 s: past the waiting one's minute
		await expect(waiting).rejects.toThrow(new PausedTooLongError(30_000));
		expect(waitingFailedAt - pauseStart).toBe(40_000);
	});

	it('a retry keeps its place: it goes ahead of requests asked for after it', async () => {
		const pacer = new RequestPacer(1, clock, noJitter);
		const refused = await pacer.acquire();
		refused.finished(); // not reached: it waits out its backoff, then asks again
		const order: string[] = [];
		void pacer.acquire().then((slot) => {
			order.push('later-1');
			slot.finished();
		});
		void pacer.acquire().then((slot) => {
			order.push('later-2');
			slot.finished();
		});
		await jest.advanceTimersByTimeAsync(500);
		void pacer.acquire(undefined, refused.place).then((slot) => {
			order.push('retry');
			slot.finished();
		});
		await jest.advanceTimersByTimeAsync(3 * (WINDOW_MS + SAFETY_MARGIN_MS));
		expect(order).toEqual(['retry', 'later-1', 'later-2']);
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

	it('holds a slot a second and the jitter at its maximum, a second without it below (after a 429): the others sharing the token already knock', () => {
		expect(slotHoldMs(25, 25, () => 0.999)).toBe(WINDOW_MS + 0.999 * START_JITTER_MS);
		expect(slotHoldMs(12, 25, () => 0.999)).toBe(WINDOW_MS);
		expect(slotHoldMs(2, 25, () => 0.999)).toBe(WINDOW_MS);
	});

	it('holds a slot up to a second more, at random, at the least rate: a sender held there (more senders than places) does not keep its place until done', () => {
		expect(slotHoldMs(1, 25, () => 0)).toBe(WINDOW_MS);
		expect(slotHoldMs(1, 25, () => 0.5)).toBe(1.5 * WINDOW_MS);
		// A credential asking for 1 per second is at its maximum, not held there by others
		expect(slotHoldMs(1, 1, () => 0.5)).toBe(WINDOW_MS + 0.5 * START_JITTER_MS);
	});

	it('spreads starts, the first burst too: senders starting together each get a part of the first second', async () => {
		const pacer = new RequestPacer(5, clock, noJitter);
		const start = Date.now();
		const times = await grantTimes(pacer, 10, 3_000);
		const spreadMs = WINDOW_MS / (SPREAD_FACTOR * 5);
		expect(times.slice(0, 5).map((t) => t - start)).toEqual([0, 1, 2, 3, 4].map((i) => i * spreadMs));
		// Each slot reopens a second after its own start's arrival (answered at once here)
		expect(times.slice(5).map((t) => t - start)).toEqual([0, 1, 2, 3, 4].map((i) => WINDOW_MS + SAFETY_MARGIN_MS + i * spreadMs));
	});

	it('reopens the slot of a refused request within REFUSED_JITTER_MS, at random: it took no place in the window, and a refused sender does not knock in step with the others', async () => {
		// (above the 250 ms a limit of 1 spreads its starts apart anyway)
		for (const random of [0.6, 0.999]) {
			const pacer = new RequestPacer(1, clock, () => random);
			(await pacer.acquire()).refused();
			const refusedAt = Date.now();
			let grantedAt = 0;
			void pacer.acquire().then(() => (grantedAt = Date.now()));
			await jest.advanceTimersByTimeAsync(2 * WINDOW_MS);
			expect(grantedAt - refusedAt).toBe(Math.ceil(SAFETY_MARGIN_MS + random * REFUSED_JITTER_MS));
		}
	});

	it("listens once to an execution's cancel signal, however many of its requests wait, and lets them all go on cancel", async () => {
		const pacer = new RequestPacer(1, clock, noJitter);
		(await pacer.acquire()).finished();
		const cancel = new AbortController();
		const waiting = Array.from({ length: 100 }, () => pacer.acquire(cancel.signal));
		const other = pacer.acquire();
		expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(1);

		cancel.abort(new Error('cancelled'));
		const outcomes = await Promise.allSettled(waiting);
		expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
		await jest.advanceTimersByTimeAsync(WINDOW_MS + SAFETY_MARGIN_MS);
		await expect(other).resolves.toMatchObject({ place: 101 });
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
		await expect(next).resolves.toMatchObject({ place: 2 });
		expect(Date.now() - start).toBe(WINDOW_MS + SAFETY_MARGIN_MS);
	});
});
