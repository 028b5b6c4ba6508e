import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { continuesOnFail } from '../continuesOnFail';
import { failedItem } from '../errors/failedItem';
import { MayHaveBeenDeliveredError } from '../errors/MayHaveBeenDeliveredError';
import { withoutRequestSettings } from '../errors/requestErrors';
import { sendErrorForModel } from '../errors/sendErrorForModel';
import { earlierSend, rememberSend } from './earlierSends';
import type { MessagePayload } from '../resources/message/messagePayload';
import { sentMessage } from '../resources/message/sentMessage';
import { heldRequest } from './heldRequests';
import { sendPaced } from './sendPaced';

/**
 * The one request of an item, made through the node's routing (n8n calls this the custom
 * pagination hook: the only declarative hook around the request itself). It makes no request
 * for a held item (see heldRequests), nor for one an earlier try of this node run sent (the
 * node setting Retry On Fail runs every item again), paces and retries as sendPaced says, and
 * with "On Error: Continue" turns a failure into that item's output (failedItem).
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
		const output = sentMessage(this, requestData.options.body as MessagePayload, await sendPaced(this, requestData));
		rememberSend(this, { output });
		return output;
	} catch (error) {
		const nodeError = sendErrorForModel(this, withoutRequestSettings(this, error));
		if (nodeError instanceof MayHaveBeenDeliveredError) rememberSend(this, { mayHaveBeenDelivered: nodeError });
		if (!continuesOnFail(this)) throw nodeError;
		return [failedItem(this, nodeError)];
	}
}
