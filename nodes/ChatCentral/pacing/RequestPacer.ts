import { sleep } from 'n8n-workflow';

import { rateAfterQuietSecond, rateAfterRefusal } from './adaptiveRate';

export const WINDOW_MS = 1000;
// A request reaches ChatCentral before its answer comes back, so a window reckoned from the
// answer is safe by itself; this covers timers rounding to whole milliseconds.
export const SAFETY_MARGIN_MS = 1;
// ChatCentral frees a slot of its window one second after a request arrived. A sender paced to
// the full rate takes every freed slot within a millisecond, so a sender in another process
// (another queue-mode worker) is refused every time and the first one never hears a 429 that
// would make it share. Opening each window up to this much later, at random, lets the others in
// and the leader learn of them; alone, it costs about 1 % of the rate.
export const START_JITTER_MS = 25;

export type Clock = () => number;

/** One granted request; `finished()` says its answer (or failure) has come back. */
export interface PacerSlot {
	finished(): void;
}

interface Start {
	finishedAt: number | undefined;
	/** How much later than a second after its answer the window it opened is next used. */
	jitterMs: number;
}

/**
 * Grants request starts so that ChatCentral never sees more than `limit` requests within
 * one second, in the order they were asked for. A request reaches ChatCentral somewhere
 * between its start and its answer, and a busy n8n process can take a while to put a granted
 * request on the wire, so the window a request opens is reckoned from its answer: the request
 * `limit` places later starts a second after that answer.
 *
 * The limit adapts to the API (see adaptiveRate): a 429 cuts it by a quarter (once per window)
 * and pauses every start briefly, and quiet seconds give it back, faster the longer they last,
 * up to the configured maximum. Several n8n processes sharing a token thus settle on sharing its
 * rate, and a lone one runs at full rate.
 */
export class RequestPacer {
	private readonly starts: Start[] = [];
	private readonly waiters: Array<{ grant: (slot: PacerSlot) => void }> = [];
	private limit: number;
	private pausedUntil = 0;
	private lastLimitChange: number;
	private lastCut = -Infinity;
	private quietSeconds = 0;
	private pumping = false;
	private wakePump: () => void = () => {};

	constructor(
		private maxPerWindow: number,
		private readonly now: Clock = () => performance.now(),
		private readonly random: () => number = Math.random,
	) {
		this.limit = maxPerWindow;
		this.lastLimitChange = now();
	}

	/** The current number of requests allowed per second. */
	get currentLimit(): number {
		this.regainRate(this.now());
		return this.limit;
	}

	/** Lowers the maximum (a credential asking for less); never raises it. */
	capAt(maxPerWindow: number): void {
		if (maxPerWindow >= this.maxPerWindow) return;
		this.maxPerWindow = maxPerWindow;
		this.limit = Math.min(this.limit, maxPerWindow);
	}

	/** Resolves when this request may start; rejects if `signal` aborts first. */
	async acquire(signal?: AbortSignal): Promise<PacerSlot> {
		signal?.throwIfAborted();
		return await new Promise<PacerSlot>((resolve, reject) => {
			const waiter = {
				grant: (slot: PacerSlot) => {
					signal?.removeEventListener('abort', onAbort);
					resolve(slot);
				},
			};
			const onAbort = () => {
				this.waiters.splice(this.waiters.indexOf(waiter), 1);
				reject(signal?.reason);
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.waiters.push(waiter);
			if (this.pumping) this.wakePump();
			else void this.pump();
		});
	}

	/** The API answered 429: slow everyone down, for at least `pauseMs`. */
	rateLimited(pauseMs: number): void {
		const now = this.now();
		this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
		// The 429s of one crowded window are one signal, not many
		if (now - this.lastCut >= WINDOW_MS) {
			this.limit = rateAfterRefusal(this.limit);
			this.quietSeconds = 0;
			this.lastCut = now;
			this.lastLimitChange = now;
		}
	}

	private regainRate(now: number): void {
		while (this.limit < this.maxPerWindow && now - this.lastLimitChange >= WINDOW_MS) {
			this.quietSeconds += 1;
			this.limit = rateAfterQuietSecond(this.limit, this.quietSeconds, this.maxPerWindow);
			this.lastLimitChange += WINDOW_MS;
		}
	}

	/** When the next request may start; Infinity while the request that opened its window is unanswered. */
	private nextStartAt(now: number): number {
		this.regainRate(now);
		const opener = this.starts[this.starts.length - this.limit];
		const windowFreesAt =
			opener === undefined ? now : (opener.finishedAt ?? Infinity) + WINDOW_MS + SAFETY_MARGIN_MS + opener.jitterMs;
		return Math.max(now, this.pausedUntil, windowFreesAt);
	}

	private grantNext(): void {
		const start: Start = { finishedAt: undefined, jitterMs: this.random() * START_JITTER_MS };
		this.starts.push(start);
		if (this.starts.length > this.maxPerWindow) this.starts.shift();
		this.waiters.shift()?.grant({
			finished: () => {
				start.finishedAt ??= this.now();
				this.wakePump();
			},
		});
	}

	private async pump(): Promise<void> {
		this.pumping = true;
		while (this.waiters.length > 0) {
			const now = this.now();
			const startAt = this.nextStartAt(now);
			if (startAt <= now) {
				this.grantNext();
				continue;
			}
			const woken = new Promise<void>((resolve) => (this.wakePump = resolve));
			await (startAt === Infinity ? woken : Promise.race([woken, sleep(startAt - now)]));
		}
		this.wakePump = () => {};
		this.pumping = false;
	}
}
