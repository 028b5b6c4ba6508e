import type { IExecuteSingleFunctions, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * A failed item's output with "On Error: Continue": its `error`, the reason in `json.error`
 * (n8n's shape for failed items) and its `pairedItem`, so the error output and
 * `$json.error` work per item.
 */
export function failedItem(context: IExecuteSingleFunctions, error: NodeApiError | NodeOperationError): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: context.getItemIndex() } };
}
