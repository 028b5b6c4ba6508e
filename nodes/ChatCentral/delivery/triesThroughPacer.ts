import { sleep } from 'n8n-workflow';

import { PausedTooLongError } from '../pacing/PausedTooLongError';
import type { RequestPacer } from '../pacing/RequestPacer';
import { retryDelayMs } from './retryDelayMs';
import { sendFailure } from './sendFailure';

// How long one message may spend on tries that were refused (429s) or never connected, with their
// waits and the pauses ChatCentral asked the token for, before it fails. Waiting for its turn in
// the token's pacer does not count: with many senders on one token a message may wait long for
// its turn, and waiting is not being refused.
export const RETRY_BUDGET_MS = 60_000;

/** What a failed try says: ChatCentral's status and Retry-After, or the connection error's code. */
export interface FailedTry {
	status?: number;
	retryAfterMs?: number;
	connectionErrorCode?: string;
}

/** How the tries of one message ended; `failure` is what the last try threw. */
export type PacedEnd<T> =
	| { sent: T }
	| { failure: unknown; kind: 'final' | 'mayHaveBeenDelivered' }
	| { failure: unknown; kind: 'gaveUp'; attempts: number; refusedForRate: boolean }
	/** Never tried: a pause ChatCentral asked for (Retry-After) outlasts its budget. */
	| { failure: PausedTooLongError; kind: 'pausedTooLong' };

type GaveUp = Extract<PacedEnd<never>, { kind: 'gaveUp' }>;

/** The pacer's refusal to hold a request through a pause; any other failure (a cancel) goes on. */
function pausedTooLong(failure: unknown): PausedTooLongError {
	if (failure instanceof PausedTooLongError) return failure;
	throw failure;
}

/**
 * Tries to send one message through the token's pacer: sends again only what was certainly not
 * accepted (a 429, a connection never made), within RETRY_BUDGET_MS. A refused message waits as
 * long as the 429's Retry-After asks, or else a backoff (see retryDelayMs), then goes back to its
 * place in the queue, ahead of those asked for after it, and the pacer (slowed by the refusal)
 * says when it goes; one that never reached ChatCentral waits a backoff too. A message waiting in
 * the queue fails at once when a pause ChatCentral asked for would use up its budget. A message
 * that may have been delivered is never sent twice. `send` makes the request once and throws for
 * any answer but "Message Sent"; `failedTry` reads what the thrown failure says.
 */
export async function triesThroughPacer<T>(
	pacer: RequestPacer,
	signal: AbortSignal | undefined,
	send: () => Promise<T>,
	failedTry: (failure: unknown) => FailedTry,
): Promise<PacedEnd<T>> {
	let place: number | undefined;
	let spentMs = 0;
	let lastTry: GaveUp | undefined;
	for (let attempt = 1; ; attempt++) {
		const slot = await pacer.acquire(signal, place, RETRY_BUDGET_MS - spentMs).catch(pausedTooLong);
		if (slot instanceof PausedTooLongError) return lastTry ?? { failure: slot, kind: 'pausedTooLong' };
		place = slot.place;
		spentMs += slot.pausedForMs;
		const triedAt = Date.now();
		let failure: unknown;
		try {
			const output = await send();
			slot.finished();
			return { sent: output };
		} catch (error) {
			failure = error;
		}
		const answer = failedTry(failure);
		const kind = sendFailure(answer.status, answer.connectionErrorCode);
		// Everyone slows down, and waits as long as ChatCentral asked
		if (kind === 'refusedForRate') slot.refused(answer.retryAfterMs);
		else slot.finished();
		if (kind === 'final' || kind === 'mayHaveBeenDelivered') return { failure, kind };
		const delayMs = retryDelayMs(answer.retryAfterMs, attempt);
		spentMs += Date.now() - triedAt;
		lastTry = { failure, kind: 'gaveUp', attempts: attempt, refusedForRate: kind === 'refusedForRate' };
		if (spentMs + delayMs > RETRY_BUDGET_MS) return lastTry;
		await sleep(delayMs);
		spentMs += delayMs;
	}
}
