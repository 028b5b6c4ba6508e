import type { IExecuteSingleFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** The connection error code (ECONNREFUSED, ECONNRESET, …) behind a failed request. */
export function connectionErrorCode(error: unknown): string | undefined {
	const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
	return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * The error of a failed request without the request's settings: n8n keeps the HTTP
 * client's error as the `cause`, and its settings hold the Authorization header (the token).
 */
export function withoutRequestSettings(
	context: IExecuteSingleFunctions,
	error: unknown,
	override: { message?: string; description?: string } = {},
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const nodeError = error instanceof NodeApiError ? error : new NodeApiError(context.getNode(), error as JsonObject);
	if (!(nodeError.cause instanceof Error) && override.message === undefined) return nodeError;
	const cause = nodeError.cause instanceof Error ? nodeError.cause : undefined;
	// Only an HTTP status: n8n would replace the message by its own for a connection error code
	const httpStatus = nodeError.httpCode !== null && /^\d{3}$/.test(nodeError.httpCode) ? nodeError.httpCode : undefined;
	return new NodeApiError(
		context.getNode(),
		{ networkError: connectionErrorCode(nodeError) ?? null, message: cause?.message ?? nodeError.message },
		{
			message: override.message ?? nodeError.message,
			description: override.description ?? nodeError.description ?? undefined,
			httpCode: httpStatus,
			itemIndex: context.getItemIndex(),
		},
	);
}

const uncertainDeliveries = new WeakSet<Error>();

/** Whether the error says the message went out and no answer came back. */
export function isMayHaveBeenDelivered(error: unknown): error is NodeApiError | NodeOperationError {
	return error instanceof Error && uncertainDeliveries.has(error);
}

export function mayHaveBeenDeliveredError(context: IExecuteSingleFunctions, error: unknown): NodeApiError | NodeOperationError {
	const code = connectionErrorCode(error);
	const uncertain = withoutRequestSettings(context, error, {
		message: 'No answer from ChatCentral: the message may have been delivered, so it was not sent again',
		description: `The connection ended after the message was sent and before ChatCentral answered${code ? ` (${code})` : ''}. Check the contact's conversation in ChatCentral; if the message is missing, run this item again.`,
	});
	uncertainDeliveries.add(uncertain);
	return uncertain;
}

export function gaveUpError(
	context: IExecuteSingleFunctions,
	error: unknown,
	attempts: number,
	rateLimited: boolean,
): NodeApiError | NodeOperationError {
	const message = error instanceof Error ? error.message : String(error);
	return withoutRequestSettings(context, error, {
		message: `${message} (${attempts === 1 ? 'tried once' : `tried ${attempts} times`})`,
		description: rateLimited
			? 'ChatCentral kept refusing this message for its rate limit (25 requests per second per channel token) for about a minute: other apps or n8n instances probably send with the same token. It was not delivered. Run the item again later, or give each sender a share with Max Requests per Second in the credential.'
			: 'ChatCentral could not be reached at the Base URL for about a minute. Nothing was delivered. Check the Base URL in the credential and your network, then run the item again.',
	});
}
