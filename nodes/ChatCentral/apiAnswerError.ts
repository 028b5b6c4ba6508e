import type { IExecuteSingleFunctions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiFailure } from './rules/apiFailure';
import { retryAfterMs } from './rules/retryAfterMs';

interface ApiAnswer {
	status: number;
	retryAfterMs: number | undefined;
}

const answers = new WeakMap<NodeApiError, ApiAnswer>();

/** The item's error for an answer that is not "Message Sent", with the API's own message. */
export function apiAnswerError(
	context: IExecuteSingleFunctions,
	response: IN8nHttpFullResponse,
	failure: ApiFailure,
): NodeApiError {
	const body =
		typeof response.body === 'object' && response.body !== null
			? (response.body as JsonObject)
			: { response: String(response.body) };
	const error = new NodeApiError(context.getNode(), body, {
		message: failure.message,
		description: failure.description,
		httpCode: String(response.statusCode),
		itemIndex: context.getItemIndex(),
	});
	answers.set(error, { status: response.statusCode, retryAfterMs: retryAfterMs(response.headers['retry-after']) });
	return error;
}

/** The HTTP status and Retry-After of an error made by apiAnswerError; undefined for others. */
export function apiAnswerOf(error: unknown): ApiAnswer | undefined {
	return error instanceof NodeApiError ? answers.get(error) : undefined;
}
