// The errors of the checks before any request: an invalid item, and the run it stops.

import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidFieldError } from '../fieldChecks/InvalidFieldError';
import type { NodeItem } from '../itemContext';
import { runsAsAiTool } from '../runsAsAiTool';

const NOTHING_SENT =
	'Nothing was sent: fix this item and run the node again, and every message goes out once. (To send the valid items anyway and handle invalid ones separately, set the node\'s Settings → On Error to Continue.)';

/**
 * The error n8n shows on an item whose field checks failed ("Reply 11 of item 3: …"). When an
 * AI Agent runs the node as a tool, the model gets only the error's message: then the message
 * is the refusal for the model, with the fix and without item numbers ("Replies: at most 10
 * are allowed, got 11. Send 10 or fewer."). Errors that are not field checks (an expression
 * that cannot be resolved) keep their own message.
 */
export function invalidItemError(context: NodeItem, error: unknown): NodeOperationError {
	const itemIndex = context.getItemIndex();
	if (error instanceof InvalidFieldError && runsAsAiTool(context)) {
		return new NodeOperationError(context.getNode(), error.refusalForModel, { itemIndex });
	}
	if (error instanceof InvalidFieldError) {
		const message = `${error.field} of item ${itemIndex + 1}: ${error.problem}`;
		return new NodeOperationError(context.getNode(), message, { itemIndex, description: error.hint });
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** An invalid item's error when the node stops on error: it says that no item was sent. */
export function nothingSentError(context: IExecuteSingleFunctions, error: NodeOperationError): NodeOperationError {
	return new NodeOperationError(context.getNode(), error.message, {
		itemIndex: context.getItemIndex(),
		description: [error.description, NOTHING_SENT].filter(Boolean).join(' '),
	});
}
