import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { apiAnswerOf } from './apiAnswerError';
import { earlierSend, rememberSend } from './earlierSends';
import { heldRequest } from './heldRequests';
import { DEFAULT_MAX_REQUESTS_PER_SECOND, pacerForToken } from './pacing/pacerForToken';
import type { RequestPacer } from './pacing/RequestPacer';
import { backoffDelayMs } from './rules/backoffDelayMs';
import { sendFailure } from './rules/sendFailure';
import {
	connectionErrorCode,
	gaveUpError,
	isMayHaveBeenDelivered,
	mayHaveBeenDeliveredError,
	withoutRequestSettings,
} from './sendErrors';

// How long one item may go on retrying (429s, unreachable server) after its first try before it fails.
export const RETRY_BUDGET_MS = 60_000;

function failedItem(context: IExecuteSingleFunctions, error: NodeApiError | NodeOperationError): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: context.getItemIndex() } };
}

async function pacerOf(context: IExecuteSingleFunctions): Promise<RequestPacer> {
	const { baseUrl, token, maxRequestsPerSecond } = await context.getCredentials('chatCentralApi');
	const max = Number(maxRequestsPerSecond ?? DEFAULT_MAX_REQUESTS_PER_SECOND);
	return pacerForToken(String(baseUrl), String(token), Number.isFinite(max) ? max : DEFAULT_MAX_REQUESTS_PER_SECOND);
}

/**
 * Sends the item's message once: waits for the token's shared pacer, and sends again only
 * what was certainly not accepted (a 429, a connection never made), for at most a minute after
 * the first try. A refused message goes back to its place in the queue, ahead of those asked for
 * after it, and the pacer (slowed by the refusal) says when it goes; one that never reached
 * ChatCentral waits a backoff first. A message that may have been delivered is never sent twice.
 */
async function sendPaced(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
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
			const output = await context.makeRoutingRequest(requestData);
			slot.finished();
			return output;
		} catch (error) {
			failure = error;
		}
		const answer = apiAnswerOf(failure);
		const kind = sendFailure(answer?.status, connectionErrorCode(failure));
		// Everyone slows down, and waits as long as ChatCentral asked (within an item's budget)
		if (kind === 'refusedForRate') slot.refused(Math.min(answer?.retryAfterMs ?? 0, RETRY_BUDGET_MS));
		else slot.finished();
		if (kind === 'final') throw withoutRequestSettings(context, failure);
		if (kind === 'mayHaveBeenDelivered') throw mayHaveBeenDeliveredError(context, failure);
		const delayMs = kind === 'refusedForRate' ? (answer?.retryAfterMs ?? 0) : backoffDelayMs(attempt);
		if (Date.now() - firstTriedAt + delayMs > RETRY_BUDGET_MS) {
			throw gaveUpError(context, failure, attempt, kind === 'refusedForRate');
		}
		await sleep(delayMs);
	}
}

/**
 * The one request of an item, made through the node's routing (n8n calls this the custom
 * pagination hook: the only declarative hook around the request itself). It makes no request
 * for a held item (see heldRequests), nor for one an earlier try of this node run sent (the
 * node setting Retry On Fail runs every item again), paces and retries as sendPaced says, and with
 * "On Error: Continue" turns a failure into that item's output, with its `error`, the reason
 * in `json.error` (n8n's shape for failed items) and its `pairedItem`, so the error output
 * and `$json.error` work per item.
 */
export async function sendMessage(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const held = heldRequest(requestData.options as IHttpRequestOptions);
	if (held !== undefined) return held.failure === undefined ? [] : [failedItem(this, held.failure)];
	try {
		const earlier = earlierSend(this);
		if (earlier !== undefined && 'output' in earlier) return earlier.output;
		if (earlier !== undefined) throw earlier.mayHaveBeenDelivered;
		const output = await sendPaced(this, requestData);
		rememberSend(this, { output });
		return output;
	} catch (error) {
		const nodeError = withoutRequestSettings(this, error);
		if (isMayHaveBeenDelivered(nodeError)) rememberSend(this, { mayHaveBeenDelivered: nodeError });
		if (!this.continueOnFail()) throw nodeError;
		return [failedItem(this, nodeError)];
	}
}
