import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { continuesOnFail } from '../../continuesOnFail';
import { credentialOfRun } from '../../credentialOfRun';
import { holdRequest } from '../../delivery/heldRequests';
import { checkContactId } from '../../fieldChecks/checkContactId';
import { checkedWithAllItems } from '../../fieldChecks/checkedWithAllItems';
import { checkSendOnceKey } from '../../fieldChecks/checkSendOnceKey';
import { itemFieldChecks } from '../../fieldChecks/itemFieldChecks';
import { rememberSendOnceKey } from '../../sendOnce/sendOnceKeyOfRequest';
import { messagePayload, type MessageElement } from './messagePayload';
import { sendContentPath } from './sendContentPath';
import { rememberContactId } from './sentMessage';

/**
 * The preSend of every message operation: checks the item's fields before any request and
 * builds the request: the contact ID as the path segment, the one-element body. An item that
 * fails makes no request: the node stops with its error, or with "On Error: Continue" the
 * item alone fails.
 */
export async function prepareMessage(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	buildElement: (context: IExecuteSingleFunctions) => MessageElement,
): Promise<IHttpRequestOptions> {
	const checks = await checkedWithAllItems(
		context,
		itemFieldChecks(context, () => {
			const options = context.getNodeParameter('options', {}) as IDataObject;
			return {
				contactId: checkContactId(context.getNodeParameter('contactId')),
				element: buildElement(context),
				forceCancelSurvey: options.forceCancelSurvey === true,
				sendOnceKey: checkSendOnceKey(options),
			};
		}),
	);
	if (checks.ok === 'heldBack') return holdRequest(requestOptions);
	if (!checks.ok) {
		if (continuesOnFail(context)) return holdRequest(requestOptions, checks.error);
		throw checks.error;
	}
	const { contactId, element, forceCancelSurvey, sendOnceKey } = checks.value;
	const { viberChannel } = await credentialOfRun(context);
	requestOptions.url = sendContentPath(contactId, viberChannel === true);
	rememberContactId(requestOptions, contactId);
	if (sendOnceKey !== undefined) rememberSendOnceKey(requestOptions, sendOnceKey);
	requestOptions.body = messagePayload(element, forceCancelSurvey);
	return requestOptions;
}
