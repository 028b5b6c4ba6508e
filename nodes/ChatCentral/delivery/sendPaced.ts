import type { DeclarativeRestApiSettings, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ApiAnswerError } from '../errors/ApiAnswerError';
import { MayHaveBeenDeliveredError } from '../errors/MayHaveBeenDeliveredError';
import { connectionErrorCode, gaveUpError, withoutRequestSettings } from '../errors/requestErrors';
import { DEFAULT_MAX_REQUESTS_PER_SECOND, pacerForToken } from '../pacing/pacerForToken';
import { WINDOW_MS, type RequestPacer } from '../pacing/RequestPacer';
import { backoffDelayMs } from './backoffDelayMs';
import { sendFailure } from './sendFailure';

// How long one item may spend waiting to retry (429s, unreachable server) before it fails.
export const RETRY_BUDGET_MS = 60_000;

async function pacerOf(context: IExecutePaginationFunctions): Promise<RequestPacer> {
	const { baseUrl, token, maxRequestsPerSecond } = await context.getCredentials('chatCentralApi');
	const max = Number(maxRequestsPerSecond ?? DEFAULT_MAX_REQUESTS_PER_SECOND);
	return pacerForToken(String(baseUrl), String(token), Number.isFinite(max) ? max : DEFAULT_MAX_REQUESTS_PER_SECOND);
}

/**
 * Sends the item's message once: waits for the token's shared pacer, and sends again only
 * what was certainly not accepted (a 429, a connection never made), within a minute of
 * waiting. A message that may have been delivered is never sent twice.
 */
export async function sendPaced(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const pacer = await pacerOf(context);
	const signal = context.getExecutionCancelSignal();
	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		const slot = await pacer.acquire(signal);
		let failure: unknown;
		try {
			return await context.makeRoutingRequest(requestData);
		} catch (error) {
			failure = error;
		} finally {
			slot.finished();
		}
		const answer = failure instanceof ApiAnswerError ? failure : undefined;
		const kind = sendFailure(answer?.status, connectionErrorCode(failure));
		if (kind === 'final') throw withoutRequestSettings(context, failure);
		if (kind === 'mayHaveBeenDelivered') throw new MayHaveBeenDeliveredError(context, failure);
		const delayMs = answer?.retryAfterMs ?? backoffDelayMs(attempt);
		// Everyone waits as long as ChatCentral asked (within an item's budget), or until its
		// one-second window has moved on
		if (kind === 'refusedForRate') pacer.rateLimited(Math.min(answer?.retryAfterMs ?? WINDOW_MS, RETRY_BUDGET_MS));
		if (waitedMs + delayMs > RETRY_BUDGET_MS) throw gaveUpError(context, failure, attempt, kind === 'refusedForRate');
		waitedMs += delayMs;
		await sleep(delayMs);
	}
}
