import type { JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { NodeItem } from '../itemContext';
import type { PausedTooLongError } from '../pacing/PausedTooLongError';

// A Node.js error code (ECONNREFUSED, ERR_FR_REDIRECTION_FAILURE): never an HTTP status
const NODE_ERROR_CODE = /^E[A-Z0-9_]+$/;

/**
 * Where n8n 1.x keeps a failed request's connection error code. Its NodeApiError loses the
 * `cause` (n8n-workflow 1.x's ExecutionBaseError declares a `cause` field, which resets the one
 * `super` set), but takes `httpCode` from the HTTP client's error's `code` when no answer came.
 */
function codeInHttpCode(error: unknown): string | undefined {
	const httpCode = error instanceof NodeApiError ? error.httpCode : null;
	return httpCode !== null && NODE_ERROR_CODE.test(httpCode) ? httpCode : undefined;
}

/** The connection error code (ECONNREFUSED, ECONNRESET, …) behind a failed request. */
export function connectionErrorCode(error: unknown): string | undefined {
	const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
	return typeof cause?.code === 'string' ? cause.code : codeInHttpCode(error);
}

/** A failed request's error as n8n shows it, without the request's settings. */
export interface RequestErrorParts {
	response: JsonObject;
	message: string;
	description: string | undefined;
	/** Only an HTTP status: n8n would replace the message by its own for a connection error code */
	httpCode: string | undefined;
}

/**
 * n8n keeps the HTTP client's error as the `cause` of a failed request's error, and its
 * settings hold the Authorization header (the token): these parts leave it out.
 */
export function requestErrorParts(context: NodeItem, error: unknown): RequestErrorParts {
	const nodeError = asNodeApiError(context, error);
	const cause = nodeError.cause instanceof Error ? nodeError.cause : undefined;
	return {
		response: { networkError: connectionErrorCode(nodeError) ?? null, message: cause?.message ?? nodeError.message },
		message: nodeError.message,
		description: nodeError.description ?? undefined,
		httpCode: nodeError.httpCode !== null && /^\d{3}$/.test(nodeError.httpCode) ? nodeError.httpCode : undefined,
	};
}

function asNodeApiError(context: NodeItem, error: unknown): NodeApiError {
	return error instanceof NodeApiError ? error : new NodeApiError(context.getNode(), error as JsonObject);
}

/** The error of a failed request without the request's settings (see requestErrorParts). */
export function withoutRequestSettings(context: NodeItem, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const nodeError = asNodeApiError(context, error);
	if (!(nodeError.cause instanceof Error)) return nodeError;
	const { response, message, description, httpCode } = requestErrorParts(context, nodeError);
	return new NodeApiError(context.getNode(), response, { message, description, httpCode, itemIndex: context.getItemIndex() });
}

const RATE_LIMIT = 'its rate limit (25 requests per second per channel token)';
const OTHER_SENDERS = 'other apps or n8n instances probably send with the same token';
const GIVE_EACH_SENDER_A_SHARE = 'give each sender a share with Max Requests per Second in the credential.';

/** The item's error once its retries used up their budget. */
export function gaveUpError(
	context: NodeItem,
	error: unknown,
	attempts: number,
	rateLimited: boolean,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const { response, httpCode } = requestErrorParts(context, error);
	const message = error instanceof Error ? error.message : String(error);
	return new NodeApiError(context.getNode(), response, {
		message: `${message} (${attempts === 1 ? 'tried once' : `tried ${attempts} times`})`,
		description: rateLimited
			? `ChatCentral kept refusing this message for ${RATE_LIMIT} for about a minute: ${OTHER_SENDERS}. It was not delivered. Run the item again later, or ${GIVE_EACH_SENDER_A_SHARE}`
			: 'ChatCentral could not be reached at the Base URL for about a minute. Nothing was delivered. Check the Base URL in the credential and your network, then run the item again.',
		httpCode,
		itemIndex: context.getItemIndex(),
	});
}

/** The item's error when it was never tried: a pause ChatCentral asked for outlasts its minute. */
export function pausedTooLongError(context: NodeItem, pause: PausedTooLongError): NodeApiError {
	return new NodeApiError(context.getNode(), { message: pause.message }, {
		message: `Too many requests (not tried: ${pause.message})`,
		description: `ChatCentral refused another message sent with this channel token for ${RATE_LIMIT} and asked to wait longer than a message waits (about a minute), so this one was not sent. Run the item again after that wait. If it keeps happening, ${OTHER_SENDERS}: ${GIVE_EACH_SENDER_A_SHARE}`,
		httpCode: '429',
		itemIndex: context.getItemIndex(),
	});
}
