import type { IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { retryAfterMs } from '../delivery/retryAfterMs';
import type { NodeItem } from '../itemContext';
import { apiFailure, type ApiFailure } from './apiFailure';

/**
 * ChatCentral answered, and not with "Message Sent": the item's error, with the API's own
 * message, and the answer's HTTP status and Retry-After for the retry rules.
 */
export class ApiAnswerError extends NodeApiError {
	/** The answer's HTTP status. */
	readonly status: number;
	/** What the answer's Retry-After asks for; undefined without one. */
	readonly retryAfterMs: number | undefined;

	constructor(context: NodeItem, response: IN8nHttpFullResponse, failure: ApiFailure) {
		super(context.getNode(), answerBody(response), {
			message: failure.message,
			description: failure.description,
			httpCode: String(response.statusCode),
			itemIndex: context.getItemIndex(),
		});
		// n8n recognises its errors by name (and shows it): keep NodeApiError's
		this.name = 'NodeApiError';
		this.status = response.statusCode;
		this.retryAfterMs = retryAfterMs(response.headers['retry-after']);
	}
}

function answerBody(response: IN8nHttpFullResponse): JsonObject {
	return typeof response.body === 'object' && response.body !== null
		? (response.body as JsonObject)
		: { response: String(response.body) };
}

/** The item's error for ChatCentral's answer; undefined when the answer confirms the message. */
export function apiAnswerError(context: NodeItem, response: IN8nHttpFullResponse): ApiAnswerError | undefined {
	const failure = apiFailure(response.statusCode, response.body);
	return failure === undefined ? undefined : new ApiAnswerError(context, response, failure);
}
