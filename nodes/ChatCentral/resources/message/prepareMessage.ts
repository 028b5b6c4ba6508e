import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { continuesOnFail } from '../../continuesOnFail';
import { credentialOfRun } from '../../credentialOfRun';
import { passContactTurn, takeContactTurn } from '../../delivery/contactTurns';
import { heldRequest, holdRequest } from '../../delivery/heldRequests';
import { failingAfterLastItemStarted, itemStarted } from '../../delivery/routedRun';
import { checkContactId } from '../../fieldChecks/checkContactId';
import { checkedWithAllItems, type HeldBack } from '../../fieldChecks/checkedWithAllItems';
import { checkSendOnceKey, type SendOnceKey } from '../../fieldChecks/checkSendOnceKey';
import type { FieldChecks } from '../../fieldChecks/itemFieldChecks';
import { rememberSendOnceKey } from '../../sendOnce/sendOnceKeyOfRequest';
import { messagePayload, type MessageElement } from './messagePayload';
import { sendContentPath } from './sendContentPath';
import { rememberContactId } from './sentMessage';

interface CheckedFields {
	contactId: string;
	element: MessageElement;
	forceCancelSurvey: boolean;
	sendOnceKey: SendOnceKey | undefined;
}

function checkedFields(item: IExecuteSingleFunctions, buildElement: (item: IExecuteSingleFunctions) => MessageElement): CheckedFields {
	const options = item.getNodeParameter('options', {}) as IDataObject;
	return {
		contactId: checkContactId(item.getNodeParameter('contactId')),
		element: buildElement(item),
		forceCancelSurvey: options.forceCancelSurvey === true,
		sendOnceKey: checkSendOnceKey(options),
	};
}

/**
 * The preSend of every message operation: checks the item's fields before any request (with
 * the other items' when the node stops on error: checkedWithAllItems) and builds the request:
 * the contact ID as the path segment, the one-element body. An item that fails makes no
 * request: the node stops with its error, or with "On Error: Continue" the item alone fails. A
 * valid item takes its place in line behind the run's earlier messages to the same contact
 * (contactTurns); one that makes no request gives it up at once.
 */
export async function prepareMessage(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	buildElement: (item: IExecuteSingleFunctions) => MessageElement,
): Promise<IHttpRequestOptions> {
	itemStarted(context);
	const checks = checkedWithAllItems(context, (item) => checkedFields(item, buildElement));
	// Before the first await, so in item order (see takeContactTurn)
	if (checks.ok === true) takeContactTurn(context, requestOptions, checks.value.contactId);
	return await failingAfterLastItemStarted(context, async () => {
		let willBeSent = false;
		try {
			const prepared = await preparedRequest(context, requestOptions, checks);
			willBeSent = heldRequest(prepared) === undefined;
			return prepared;
		} finally {
			if (!willBeSent) passContactTurn(requestOptions);
		}
	});
}

async function preparedRequest(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	checks: FieldChecks<CheckedFields> | HeldBack,
): Promise<IHttpRequestOptions> {
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
