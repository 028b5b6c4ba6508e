import { sleep } from 'n8n-workflow';

import { QUIET_STEP_MS, rateAfterQuietStep, rateAfterRefusal } from './adaptiveRate';
import { arrivalEstimate } from './arrivalEstimate';
import { PausedTooLongError } from './PausedTooLongError';

export const WINDOW_MS = 1000;
// A window is reckoned from an estimate of when its request arrived (see arrivalEstimate); this
// covers timers rounding to whole milliseconds and trips a little shorter than the shortest seen.
export const SAFETY_MARGIN_MS = 2;
// ChatCentral frees a slot of its window one second after a request arrived. A sender paced to
// the full rate would take every freed slot within a millisecond, so a sender in another process
// (another queue-mode worker) would be refused every time and the first one never hear a 429
// that makes it share. Reopening each slot up to this much later, at random, lets the others in
// and the leader learn of them; alone, it costs about 1 % of the rate. A pacer below its maximum
// has heard a 429 and knows the others knock: its slots reopen without it (see slotHoldMs).
export const START_JITTER_MS = 25;
// A request refused with a 429 took no place in ChatCentral's window, so it does not hold this
// pacer's for a second: its slot reopens within this long after its arrival, at random, so a
// refused sender does not keep knocking in step with the others' busy moments.
export const REFUSED_JITTER_MS = 500;

// Starts are at least 1/(SPREAD_FACTOR × limit) of a second apart, so a burst spreads over the
// second instead of filling the window within milliseconds every second: a sender in another
// process then finds a free slot at almost any moment, not only in those milliseconds. The first
// burst too: senders starting together (queue-mode workers handed one big send) then each get a
// part of the first second, where the first one's burst would take all of it and the others start
// from nothing (with 50 senders, some waited 20 s for their first message). A lone sender still
// fills the window within a quarter second, and holds that pace.
export const SPREAD_FACTOR = 4;

/**
 * How long after its arrival a granted request's slot reopens: a second, and up to
 * START_JITTER_MS more at random while the pacer runs at its maximum. Below it (it has heard a
 * 429), the others sharing the token already take every slot they find free, and a slot left
 * empty on purpose is rate lost (about 1.5 points of the token's at 2 senders).
 *
 * At the least rate, one per second, up to a second more at random. More senders than the
 * window has places (over 25) are each held there, still above their share: a 429 cannot slow
 * them further. A sender reopening its slot on time takes it again before anyone else (its next
 * request is timed to arrive as the slot frees), so those holding a place keep it until they are
 * done and the others are refused all that while. The wait puts the place up for grabs, and a
 * sender there asks once every 1.5 s on average instead of every second.
 */
export function slotHoldMs(limit: number, maxPerWindow: number, random: () => number): number {
	if (limit >= maxPerWindow) return WINDOW_MS + random() * START_JITTER_MS;
	if (limit <= 1) return WINDOW_MS + random() * WINDOW_MS;
	return WINDOW_MS;
}

/** The least time between two starts while the window is full, at `limit` per second. */
function spreadMs(limit: number): number {
	return WINDOW_MS / (SPREAD_FACTOR * limit);
}

export type Clock = () => number;

/** One granted request; `finished()` or `refused()` says its answer (or failure) has come back. */
export interface PacerSlot {
	/** Its place in the queue: a retry that asks with it goes ahead of everyone who asked later. */
	readonly place: number;
	/** How much of its wait was a pause ChatCentral asked for (Retry-After), not its turn. */
	readonly pausedForMs: number;
	finished(): void;
	/**
	 * The answer was a 429: every request of the pacer slows down, and none starts before
	 * `retryAfterMs` when ChatCentral said how long to wait.
	 */
	refused(retryAfterMs?: number): void;
}

interface Start {
	grantedAt: number;
	/** Whether its round trip tells the trip's length (see grantNext). */
	timesTheTrip: boolean;
	finishedAt: number | undefined;
	/** Answered with a 429. */
	refused: boolean;
	/** How long after its arrival its slot of the window reopens. */
	holdsSlotMs: number;
}

interface Waiter {
	place: number;
	/** The pacer's paused time (pausedMsUntil) when it asked. */
	pausedMsAtAsk: number;
	/** The longest it may be held by pauses ChatCentral asks for. */
	pauseBudgetMs: number;
	grant: (slot: PacerSlot) => void;
	/** Takes it out of the queue when its execution is cancelled. */
	cancel: (reason: unknown) => void;
}

/**
 * Grants request starts so that ChatCentral never sees more than `limit` requests within
 * one second, in the order they were first asked for (a retry keeps its place). ChatCentral
 * counts a request when it arrives, somewhere between its start and its answer; the request
 * `limit` places later starts a second after that arrival's estimate (see arrivalEstimate), so
 * a faraway API is paced to its limit and not to a second plus a round trip.
 *
 * The limit adapts to the API (see adaptiveRate): a 429 cuts it (once per round trip: only a
 * request started after the last cut can say the cut was not enough), and quiet quarter-seconds
 * give it back, faster the longer they last, up to the configured maximum.
 * Several n8n processes sharing a token thus settle on sharing its rate (the spread and the
 * random reopenings above let each find free slots), and a lone one runs at full rate.
 */
export class RequestPacer {
	private readonly starts: Start[] = [];
	private readonly waiters: Waiter[] = [];
	// One listener per cancel signal (an execution's), not one per waiting request: a signal
	// holding thousands of listeners makes every listener n8n adds to it for a request slower.
	private readonly waitersBySignal = new WeakMap<AbortSignal, Set<Waiter>>();
	private nextPlace = 0;
	private shortestRoundTripMs = Infinity;
	private timedTrips = 0;
	private limit: number;
	private pausedUntil = 0;
	// When the current (or last) pause began, and the length of all pauses before it
	private pausedFrom = 0;
	private pausedMsBefore = 0;
	private lastLimitChange: number;
	private lastCut = -Infinity;
	private quietSteps = 0;
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

	/**
	 * Resolves when this request may start; rejects if `signal` aborts first, and with
	 * PausedTooLongError as soon as the pauses ChatCentral asked for (Retry-After) would hold it
	 * longer than `pauseBudgetMs`. A retry passes the `place` of its first slot and goes ahead of
	 * every request asked for after that one.
	 */
	async acquire(signal?: AbortSignal, place: number = this.nextPlace++, pauseBudgetMs = Infinity): Promise<PacerSlot> {
		signal?.throwIfAborted();
		return await new Promise<PacerSlot>((resolve, reject) => {
			const waiter: Waiter = {
				place,
				pausedMsAtAsk: this.pausedMsUntil(this.now()),
				pauseBudgetMs,
				grant: (slot: PacerSlot) => {
					if (signal !== undefined) this.waitersBySignal.get(signal)?.delete(waiter);
					resolve(slot);
				},
				cancel: (reason: unknown) => {
					if (signal !== undefined) this.waitersBySignal.get(signal)?.delete(waiter);
					this.waiters.splice(this.waiters.indexOf(waiter), 1);
					reject(reason);
				},
			};
			if (this.outlastsPause(waiter)) {
				reject(this.pausedTooLong());
				return;
			}
			if (signal !== undefined) this.waitersOf(signal).add(waiter);
			this.enqueue(waiter);
			if (this.pumping) this.wakePump();
			else void this.pump();
		});
	}

	/** The requests waiting with `signal`; the first one to wait with it makes the signal's listener. */
	private waitersOf(signal: AbortSignal): Set<Waiter> {
		let waiting = this.waitersBySignal.get(signal);
		if (waiting === undefined) {
			const waitingWithSignal = new Set<Waiter>();
			signal.addEventListener(
				'abort',
				() => {
					for (const waiter of waitingWithSignal) waiter.cancel(signal.reason);
					waitingWithSignal.clear();
				},
				{ once: true },
			);
			this.waitersBySignal.set(signal, waitingWithSignal);
			waiting = waitingWithSignal;
		}
		return waiting;
	}

	/** How long the pacer has been paused by Retry-After, in all, up to `time`. */
	private pausedMsUntil(time: number): number {
		return this.pausedMsBefore + Math.max(0, Math.min(time, this.pausedUntil) - this.pausedFrom);
	}

	/** Pauses every start until `until`; whether that makes the pause longer than it was. */
	private pauseUntil(now: number, until: number): boolean {
		if (until <= Math.max(now, this.pausedUntil)) return false;
		if (now > this.pausedUntil) {
			this.pausedMsBefore += this.pausedUntil - this.pausedFrom;
			this.pausedFrom = now;
		}
		this.pausedUntil = until;
		return true;
	}

	/** Whether the pause now set would hold the waiter, in all, longer than it may be held. */
	private outlastsPause(waiter: Waiter): boolean {
		return this.pausedMsUntil(this.pausedUntil) - waiter.pausedMsAtAsk > waiter.pauseBudgetMs;
	}

	private pausedTooLong(): PausedTooLongError {
		return new PausedTooLongError(this.pausedUntil - this.now());
	}

	private rateLimited(refusedStart: Start, now: number, retryAfterMs: number): void {
		if (this.pauseUntil(now, now + retryAfterMs)) {
			for (const waiter of this.waiters.filter((waiting) => this.outlastsPause(waiting))) waiter.cancel(this.pausedTooLong());
		}
		// Requests started before the last cut were sent at the old rate: their 429s are old news
		if (refusedStart.grantedAt > this.lastCut) {
			this.limit = rateAfterRefusal(this.limit, this.acceptedInWindowOf(refusedStart), this.maxPerWindow);
			this.quietSteps = 0;
			this.lastCut = now;
			// Time ChatCentral asked to wait is not quiet time: the regain starts after it
			this.lastLimitChange = Math.max(now, this.pausedUntil);
		}
	}

	/**
	 * How many of this pacer's requests ChatCentral took in the second before the refused one
	 * arrived, a window that was full: this pacer's share of it. Only answered ones count: an
	 * unanswered one has no arrival estimate yet (it may still be on its way).
	 */
	private acceptedInWindowOf(refusedStart: Start): number {
		const refusedArrival = this.arrivalOf(refusedStart);
		return this.starts.filter((start) => {
			const arrival = this.arrivalOf(start);
			return !start.refused && arrival <= refusedArrival && arrival > refusedArrival - WINDOW_MS;
		}).length;
	}

	/**
	 * When ChatCentral saw the request, as estimated (see arrivalEstimate). A start right after a
	 * burst may still have waited behind it: the shortest round trip is trusted once a window's
	 * worth of them is known.
	 */
	private arrivalOf(start: Start): number {
		const shortestTrip = this.timedTrips >= this.maxPerWindow ? this.shortestRoundTripMs : Infinity;
		return arrivalEstimate(start.grantedAt, start.finishedAt, shortestTrip);
	}

	private regainRate(now: number): void {
		while (this.limit < this.maxPerWindow && now - this.lastLimitChange >= QUIET_STEP_MS) {
			this.quietSteps += 1;
			this.limit = rateAfterQuietStep(this.limit, this.quietSteps, this.maxPerWindow);
			this.lastLimitChange += QUIET_STEP_MS;
		}
	}

	/** Queued by place: a retry goes back where it first asked. */
	private enqueue(waiter: Waiter): void {
		let index = this.waiters.length;
		while (index > 0 && this.waiters[index - 1].place > waiter.place) index--;
		this.waiters.splice(index, 0, waiter);
	}

	/**
	 * When the next request may start: a second after the `limit`-th latest arrival (as
	 * estimated) of the requests made, so that no more than `limit` arrive within a second;
	 * an unanswered request may still be on its way, and counts as arriving at any moment.
	 */
	private nextStartAt(now: number): number {
		this.regainRate(now);
		const last = this.starts[this.starts.length - 1];
		const spacedFromLast = last === undefined ? now : last.grantedAt + spreadMs(this.limit);
		const reopenings = this.starts.map((start) => this.arrivalOf(start) + start.holdsSlotMs).sort((a, b) => b - a);
		if (reopenings.length < this.limit) return Math.max(now, this.pausedUntil, spacedFromLast);
		const windowFreesAt = reopenings[this.limit - 1] + SAFETY_MARGIN_MS;
		return Math.max(now, this.pausedUntil, windowFreesAt, spacedFromLast);
	}

	private grantNext(now: number): void {
		const waiter = this.waiters.shift();
		if (waiter === undefined) return;
		const start: Start = {
			grantedAt: now,
			// n8n puts its first requests on the wire slowly as it warms up: their round trips hold
			// that wait and would make the trip look longer than it is. The first window's don't time it.
			timesTheTrip: this.starts.length >= this.maxPerWindow,
			finishedAt: undefined,
			refused: false,
			holdsSlotMs: slotHoldMs(this.limit, this.maxPerWindow, this.random),
		};
		this.starts.push(start);
		// Answers come back out of order: an older request may have arrived later than a newer one
		if (this.starts.length > 2 * this.maxPerWindow) this.starts.shift();
		const finished = (): number => {
			if (start.finishedAt !== undefined) return start.finishedAt;
			start.finishedAt = this.now();
			if (start.timesTheTrip) {
				this.shortestRoundTripMs = Math.min(this.shortestRoundTripMs, start.finishedAt - start.grantedAt);
				this.timedTrips += 1;
			}
			this.wakePump();
			return start.finishedAt;
		};
		waiter.grant({
			place: waiter.place,
			pausedForMs: this.pausedMsUntil(now) - waiter.pausedMsAtAsk,
			finished,
			refused: (retryAfterMs = 0) => {
				start.refused = true;
				start.holdsSlotMs = this.random() * REFUSED_JITTER_MS;
				this.rateLimited(start, finished(), retryAfterMs);
			},
		});
	}

	private async pump(): Promise<void> {
		this.pumping = true;
		while (this.waiters.length > 0) {
			const now = this.now();
			const startAt = this.nextStartAt(now);
			if (startAt <= now) {
				this.grantNext(now);
				continue;
			}
			const woken = new Promise<void>((resolve) => (this.wakePump = resolve));
			await (startAt === Infinity ? woken : Promise.race([woken, sleep(startAt - now)]));
		}
		this.wakePump = () => {};
		this.pumping = false;
	}
}

