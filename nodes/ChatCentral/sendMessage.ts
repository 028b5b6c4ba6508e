import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

const fieldErrors = new WeakMap<IHttpRequestOptions, NodeOperationError>();

/** Marks a request as not to be made: its item failed the field checks. */
export function refuseRequest(requestOptions: IHttpRequestOptions, error: NodeOperationError): IHttpRequestOptions {
	fieldErrors.set(requestOptions, error);
	return requestOptions;
}

function failedItem(context: IExecuteSingleFunctions, error: NodeApiError | NodeOperationError): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: context.getItemIndex() } };
}

/**
 * The error of a failed request without the request's settings: n8n keeps the HTTP
 * client's error as the `cause`, and its settings hold the Authorization header (the token).
 */
function withoutRequestSettings(
	context: IExecuteSingleFunctions,
	error: unknown,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const nodeError = error instanceof NodeApiError ? error : new NodeApiError(context.getNode(), error as JsonObject);
	if (!(nodeError.cause instanceof Error)) return nodeError;
	const { code, message } = nodeError.cause as Error & { code?: string };
	return new NodeApiError(context.getNode(), { code: code ?? null, message }, {
		message: nodeError.message,
		description: nodeError.description ?? undefined,
		httpCode: nodeError.httpCode ?? undefined,
		itemIndex: context.getItemIndex(),
	});
}

/**
 * The one request of an item, made through the node's routing (n8n calls this the custom
 * pagination hook: the only declarative hook around the request itself). It makes no request
 * for an item that failed its field checks, and with "On Error: Continue" turns a failure
 * into that item's output, with its `error`, the reason in `json.error` (n8n's shape for
 * failed items) and its `pairedItem`, so the error output and `$json.error` work per item.
 */
export async function sendMessage(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const fieldError = fieldErrors.get(requestData.options as IHttpRequestOptions);
	if (fieldError !== undefined) return [failedItem(this, fieldError)];
	try {
		return await this.makeRoutingRequest(requestData);
	} catch (error) {
		const nodeError = withoutRequestSettings(this, error);
		if (!this.continueOnFail()) throw nodeError;
		return [failedItem(this, nodeError)];
	}
}
