import type { IExecuteSingleFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runsAsAiTool } from '../runsAsAiTool';

/**
 * A failed send's error as the model reads it when an AI Agent runs the node as a tool: the
 * model gets only the message, so what to do about it (the description: e.g. which Attachment
 * Type the URL needs, or that the message may have been delivered and must not be sent again)
 * joins the message. As a regular node the error is left as it is.
 */
export function sendErrorForModel<T extends NodeApiError | NodeOperationError>(context: IExecuteSingleFunctions, error: T): T {
	const { description } = error;
	if (!runsAsAiTool(context) || !description || error.message.includes(description)) return error;
	error.message = `${/[.!?]$/.test(error.message) ? error.message : `${error.message}.`} ${description}`;
	return error;
}
