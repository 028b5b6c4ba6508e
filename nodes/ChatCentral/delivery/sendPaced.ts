import { sleep } from 'n8n-workflow';

import { credentialOfRun } from '../credentialOfRun';
import { ApiAnswerError } from '../errors/ApiAnswerError';
import { MayHaveBeenDeliveredError } from '../errors/MayHaveBeenDeliveredError';
import { connectionErrorCode, gaveUpError, withoutRequestSettings } from '../errors/requestErrors';
import type { SendContext } from '../itemContext';
import { DEFAULT_MAX_REQUESTS_PER_SECOND, pacerForToken } from '../pacing/pacerForToken';
import type { RequestPacer } from '../pacing/RequestPacer';
import { retryDelayMs } from './retryDelayMs';
import { sendFailure } from './sendFailure';

// How long one item may go on retrying (429s, unreachable server) after its first try before it fails.
export const RETRY_BUDGET_MS = 60_000;

async function pacerOf(context: SendContext): Promise<RequestPacer> {
	const { baseUrl, token, maxRequestsPerSecond } = await credentialOfRun(context);
	const max = Number(maxRequestsPerSecond ?? DEFAULT_MAX_REQUESTS_PER_SECOND);
	return pacerForToken(String(baseUrl), String(token), Number.isFinite(max) ? max : DEFAULT_MAX_REQUESTS_PER_SECOND);
}

/**
 * Sends the item's message once: waits for the token's shared pacer, and sends again only
 * what was certainly not accepted (a 429, a connection never made), for at most a minute after
 * the first try. A refused message waits as long as the 429's Retry-After asks, or else a backoff
 * (see retryDelayMs), then goes back to its place in the queue, ahead of those asked for after it,
 * and the pacer (slowed by the refusal) says when it goes; one that never reached ChatCentral waits
 * a backoff too. A message that may have been delivered is never sent twice.
 * `send` makes the request once and throws ApiAnswerError for any answer but "Message Sent".
 */
export async function sendPaced<T>(context: SendContext, send: () => Promise<T>): Promise<T> {
	const pacer = await pacerOf(context);
	const signal = context.getExecutionCancelSignal();
	let firstTriedAt: number | undefined;
	let place: number | undefined;
	for (let attempt = 1; ; attempt++) {
		const slot = await pacer.acquire(signal, place);
		place = slot.place;
		firstTriedAt ??= Date.now();
		let failure: unknown;
		try {
			const output = await send();
			slot.finished();
			return output;
		} catch (error) {
			failure = error;
		}
		const answer = failure instanceof ApiAnswerError ? failure : undefined;
		const kind = sendFailure(answer?.status, connectionErrorCode(failure));
		// Everyone slows down, and waits as long as ChatCentral asked (within an item's budget)
		if (kind === 'refusedForRate') slot.refused(Math.min(answer?.retryAfterMs ?? 0, RETRY_BUDGET_MS));
		else slot.finished();
		if (kind === 'final') throw withoutRequestSettings(context, failure);
		if (kind === 'mayHaveBeenDelivered') throw new MayHaveBeenDeliveredError(context, failure);
		const delayMs = retryDelayMs(answer?.retryAfterMs, attempt);
		if (Date.now() - firstTriedAt + delayMs > RETRY_BUDGET_MS) {
			throw gaveUpError(context, failure, attempt, kind === 'refusedForRate');
		}
		await sleep(delayMs);
	}
}
