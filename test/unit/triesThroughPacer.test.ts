import { RETRY_BUDGET_MS, triesThroughPacer, type FailedTry } from '../../nodes/ChatCentral/delivery/triesThroughPacer';
import { PausedTooLongError } from '../../nodes/ChatCentral/pacing/PausedTooLongError';
import { RequestPacer, type PacerSlot } from '../../nodes/ChatCentral/pacing/RequestPacer';

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

const refusedForRate = { status: 429 };
const asFailedTry = (failure: unknown): FailedTry => failure as FailedTry;

/** A pacer that grants try n after `waitsMs[n]` (0 past the list), and records the refusals. */
function pacerGranting(waitsMs: number[]): { pacer: RequestPacer; refusals: number } {
	const record = { refusals: 0 };
	let tries = 0;
	const pacer = {
		acquire: async (): Promise<PacerSlot> => {
			const waitMs = waitsMs[tries++] ?? 0;
			if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
			return { place: 0, pausedForMs: 0, finished: () => {}, refused: () => void (record.refusals += 1) };
		},
	};
	return {
		pacer: pacer as unknown as RequestPacer,
		get refusals() {
			return record.refusals;
		},
	};
}

describe('triesThroughPacer', () => {
	it('gives up once a message has spent RETRY_BUDGET_MS on refused tries and their waits', async () => {
		const { pacer } = pacerGranting([]);
		const started = Date.now();
		let endedAt = 0;
		const ended = triesThroughPacer(pacer, undefined, () => Promise.reject(refusedForRate), asFailedTry).finally(
			() => (endedAt = Date.now()),
		);
		await jest.advanceTimersByTimeAsync(2 * RETRY_BUDGET_MS);

		const end = await ended;
		expect(end).toMatchObject({ kind: 'gaveUp', refusedForRate: true, failure: refusedForRate });
		expect('attempts' in end && end.attempts).toBeGreaterThan(5);
		expect(endedAt - started).toBeGreaterThan(RETRY_BUDGET_MS / 2);
		expect(endedAt - started).toBeLessThanOrEqual(RETRY_BUDGET_MS);
	});

	it("does not count waiting for its turn in the token's pacer: with many senders on one token a turn may take long", async () => {
		// Refused; its next turn comes 90 s later (the pacer slowed down for everyone): refused again; then accepted
		const { pacer } = pacerGranting([0, 90_000]);
		let tries = 0;
		const send = async () => {
			tries += 1;
			if (tries <= 2) throw refusedForRate;
			return 'Message Sent';
		};
		const ended = triesThroughPacer(pacer, undefined, send, asFailedTry);
		await jest.advanceTimersByTimeAsync(120_000);
		expect(await ended).toEqual({ sent: 'Message Sent' });
		expect(tries).toBe(3);
	});

	it('counts the time a try took: a refusal that came after a long wait for the answer', async () => {
		const { pacer } = pacerGranting([]);
		const slowRefusal = () => new Promise<never>((_, reject) => setTimeout(() => reject(refusedForRate), RETRY_BUDGET_MS));
		const ended = triesThroughPacer(pacer, undefined, slowRefusal, asFailedTry);
		await jest.advanceTimersByTimeAsync(2 * RETRY_BUDGET_MS);
		expect(await ended).toMatchObject({ kind: 'gaveUp', attempts: 1 });
	});

	it('never tries again what may have been delivered, nor what ChatCentral refused for good', async () => {
		for (const [failure, kind] of [
			[{ connectionErrorCode: 'ECONNRESET' }, 'mayHaveBeenDelivered'],
			[{ status: 403 }, 'final'],
		] as const) {
			const granting = pacerGranting([]);
			let tries = 0;
			const end = await triesThroughPacer(
				granting.pacer,
				undefined,
				() => {
					tries += 1;
					return Promise.reject(failure);
				},
				asFailedTry,
			);
			expect({ end, tries, refusals: granting.refusals }).toEqual({ end: { failure, kind }, tries: 1, refusals: 0 });
		}
	});

	it('a message waiting its turn fails at once, never tried, when ChatCentral asks the token to wait longer than its minute', async () => {
		const pacer = new RequestPacer(1, () => Date.now(), () => 0);
		const longWait = { status: 429, retryAfterMs: 2 * RETRY_BUDGET_MS };
		const sent: string[] = [];
		const send = (id: string) => () => (sent.push(id), Promise.reject(longWait));
		const first = triesThroughPacer(pacer, undefined, send('first'), asFailedTry);
		const second = triesThroughPacer(pacer, undefined, send('second'), asFailedTry);
		await jest.advanceTimersByTimeAsync(0);

		expect(await first).toEqual({ failure: longWait, kind: 'gaveUp', attempts: 1, refusedForRate: true });
		const secondEnd = await second;
		expect(secondEnd).toEqual({ failure: new PausedTooLongError(2 * RETRY_BUDGET_MS), kind: 'pausedTooLong' });
		expect(sent).toEqual(['first']);
	});

	it('counts the pauses it waits behind: refused, then held by another sender\'s pause past its minute, it ends at once with its own try', async () => {
		const pacer = new RequestPacer(2, () => Date.now(), () => 0);
		const refusal = { status: 429, retryAfterMs: 20_000 };
		let tries = 0;
		const other = await pacer.acquire();
		let triedAt = 0;
		let endedAt = 0;
		const mine = triesThroughPacer(pacer, undefined, () => ((triedAt = Date.now()), tries++, Promise.reject(refusal)), asFailedTry).finally(
			() => (endedAt = Date.now()),
		);
		await jest.advanceTimersByTimeAsync(5_000);
		other.refused(70_000); // the token paused until 75 s: 55 s more than its 20 s, 15 s past its minute
		await jest.advanceTimersByTimeAsync(20_000);

		expect(await mine).toEqual({ failure: refusal, kind: 'gaveUp', attempts: 1, refusedForRate: true });
		expect(tries).toBe(1);
		expect(endedAt - triedAt).toBe(20_000);
	});
});
