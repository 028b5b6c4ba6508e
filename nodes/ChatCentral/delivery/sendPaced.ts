import { credentialOfRun } from '../credentialOfRun';
import { ApiAnswerError } from '../errors/ApiAnswerError';
import { MayHaveBeenDeliveredError } from '../errors/MayHaveBeenDeliveredError';
import { connectionErrorCode, gaveUpError, pausedTooLongError, withoutRequestSettings } from '../errors/requestErrors';
import type { SendContext } from '../itemContext';
import { DEFAULT_MAX_REQUESTS_PER_SECOND, pacerForToken } from '../pacing/pacerForToken';
import type { RequestPacer } from '../pacing/RequestPacer';
import { triesThroughPacer, type FailedTry } from './triesThroughPacer';

async function pacerOf(context: SendContext): Promise<RequestPacer> {
	const { baseUrl, token, maxRequestsPerSecond } = await credentialOfRun(context);
	const max = Number(maxRequestsPerSecond ?? DEFAULT_MAX_REQUESTS_PER_SECOND);
	return pacerForToken(String(baseUrl), String(token), Number.isFinite(max) ? max : DEFAULT_MAX_REQUESTS_PER_SECOND);
}

/** What the retry rules read of a failed try. */
export function failedTryOf(failure: unknown): FailedTry {
	const answer = failure instanceof ApiAnswerError ? failure : undefined;
	return { status: answer?.status, retryAfterMs: answer?.retryAfterMs, connectionErrorCode: connectionErrorCode(failure) };
}

/**
 * Sends the item's message once, through the token's shared pacer and with the retries of
 * triesThroughPacer; fails the item with the error its end calls for.
 * `send` makes the request once and throws ApiAnswerError for any answer but "Message Sent".
 */
export async function sendPaced<T>(context: SendContext, send: () => Promise<T>): Promise<T> {
	const end = await triesThroughPacer(await pacerOf(context), context.getExecutionCancelSignal(), send, failedTryOf);
	if ('sent' in end) return end.sent;
	if (end.kind === 'gaveUp') throw gaveUpError(context, end.failure, end.attempts, end.refusedForRate);
	if (end.kind === 'pausedTooLong') throw pausedTooLongError(context, end.failure);
	if (end.kind === 'mayHaveBeenDelivered') throw new MayHaveBeenDeliveredError(context, end.failure);
	throw withoutRequestSettings(context, end.failure);
}
