import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { continuesOnFail } from '../continuesOnFail';
import { failedItem } from '../errors/failedItem';
import { withoutRequestSettings } from '../errors/requestErrors';
import { sendErrorForModel } from '../errors/sendErrorForModel';
import { alreadySentMessage } from '../resources/message/alreadySentMessage';
import type { MessagePayload } from '../resources/message/messagePayload';
import { sentMessage } from '../resources/message/sentMessage';
import { sendAcrossExecutions } from '../sendOnce/sendAcrossExecutions';
import { sendOnceKeyOf } from '../sendOnce/sendOnceKeyOfRequest';
import { inContactTurn } from './contactTurns';
import { heldRequest } from './heldRequests';
import { routedRequest } from './routedRequest';
import { failingAfterLastItemStarted } from './routedRun';
import { sendOnce } from './sendOnce';

/**
 * The one request of an item, made through the node's routing (n8n calls this the custom
 * pagination hook: the only declarative hook around the request itself). It makes no request
 * for a held item (see heldRequests), sends the others in their contact's turn (contactTurns: after
 * the run's earlier messages to the same contact were answered), not at all when an earlier
 * execution sent them (sendAcrossExecutions: an earlier try n8n's Retry copied, or the same Send
 * Once Key), and once (sendOnce: paced, retried only when certainly not accepted, never again
 * after an earlier try of this node run sent it), and with
 * "On Error: Continue" turns a failure into that item's output (failedItem). A failure that
 * stops the node waits for n8n to start the run's last item (failingAfterLastItemStarted).
 */
export async function sendMessage(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const requestOptions = requestData.options as IHttpRequestOptions;
	const held = heldRequest(requestOptions);
	if (held !== undefined) return held.failure === undefined ? [] : [failedItem(this, held.failure)];
	return await failingAfterLastItemStarted(this, async () => await sendOnceInTurn(this, requestData));
}

async function sendOnceInTurn(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const requestOptions = requestData.options as IHttpRequestOptions;
	const payload = requestOptions.body as MessagePayload;
	try {
		return await inContactTurn(
			requestOptions,
			async () =>
				await sendAcrossExecutions(
					context,
					sendOnceKeyOf(requestOptions),
					(sender) => alreadySentMessage(context, requestOptions, payload, sender),
					async () =>
						await sendOnce(context, async () => sentMessage(requestOptions, payload, await routedRequest(context, requestData))),
				),
		);
	} catch (error) {
		// sendOnce's error already is the item's (withoutRequestSettings keeps it as it is)
		const nodeError = sendErrorForModel(context, withoutRequestSettings(context, error));
		if (!continuesOnFail(context)) throw nodeError;
		return [failedItem(context, nodeError)];
	}
}
