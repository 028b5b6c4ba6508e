import { sleep } from 'n8n-workflow';

import type { RequestPacer } from '../pacing/RequestPacer';
import { retryDelayMs } from './retryDelayMs';
import { sendFailure } from './sendFailure';

// How long one message may spend on tries that were refused (429s) or never connected, with their
// waits, before it fails. Waiting for its turn in the token's pacer does not count: with many
// senders on one token a message may wait long for its turn, and waiting is not being refused.
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
	| { failure: unknown; kind: 'gaveUp'; attempts: number; refusedForRate: boolean };

/**
 * Tries to send one message through the token's pacer: sends again only what was certainly not
 * accepted (a 429, a connection never made), within RETRY_BUDGET_MS. A refused message waits as
 * long as the 429's Retry-After asks, or else a backoff (see retryDelayMs), then goes back to its
 * place in the queue, ahead of those asked for after it, and the pacer (slowed by the refusal)
 * says when it goes; one that never reached ChatCentral waits a backoff too. A message that may
 * have been delivered is never sent twice. `send` makes the request once and throws for any
 * answer but "Message Sent"; `failedTry` reads what the thrown failure says.
 */
export async function triesThroughPacer<T>(
	pacer: RequestPacer,
	signal: AbortSignal | undefined,
	send: () => Promise<T>,
	failedTry: (failure: unknown) => FailedTry,
): Promise<PacedEnd<T>> {
	let place: number | undefined;
	let spentMs = 0;
	for (let attempt = 1; ; attempt++) {
		const slot = await pacer.acquire(signal, place);
		place = slot.place;
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
		// Everyone slows down, and waits as long as ChatCentral asked (within a message's budget)
		if (kind === 'refusedForRate') slot.refused(Math.min(answer.retryAfterMs ?? 0, RETRY_BUDGET_MS));
		else slot.finished();
		if (kind === 'final' || kind === 'mayHaveBeenDelivered') return { failure, kind };
		const delayMs = retryDelayMs(answer.retryAfterMs, attempt);
		spentMs += Date.now() - triedAt;
		if (spentMs + delayMs > RETRY_BUDGET_MS) return { failure, kind: 'gaveUp', attempts: attempt, refusedForRate: kind === 'refusedForRate' };
		await sleep(delayMs);
		spentMs += delayMs;
	}
}
