import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { continuesOnFail } from '../../continuesOnFail';
import { credentialOfRun } from '../../credentialOfRun';
import { passContactTurn, takeContactTurn } from '../../delivery/contactTurns';
import { heldRequest, holdRequest } from '../../delivery/heldRequests';
import { checkContactId } from '../../fieldChecks/checkContactId';
import { checkedWithAllItems } from '../../fieldChecks/checkedWithAllItems';
import { checkSendOnceKey, type SendOnceKey } from '../../fieldChecks/checkSendOnceKey';
import { itemFieldChecks, type FieldChecks } from '../../fieldChecks/itemFieldChecks';
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

/**
 * The preSend of every message operation: checks the item's fields before any request and
 * builds the request: the contact ID as the path segment, the one-element body. An item that
 * fails makes no request: the node stops with its error, or with "On Error: Continue" the
 * item alone fails. A valid item takes its place in line behind the run's earlier messages to
 * the same contact (contactTurns); one that makes no request gives it up at once.
 */
export async function prepareMessage(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	buildElement: (context: IExecuteSingleFunctions) => MessageElement,
): Promise<IHttpRequestOptions> {
	const itemChecks = itemFieldChecks(context, (): CheckedFields => {
		const options = context.getNodeParameter('options', {}) as IDataObject;
		return {
			contactId: checkContactId(context.getNodeParameter('contactId')),
			element: buildElement(context),
			forceCancelSurvey: options.forceCancelSurvey === true,
			sendOnceKey: checkSendOnceKey(options),
		};
	});
	// Before the first await, so in item order (see takeContactTurn)
	if (itemChecks.ok) takeContactTurn(context, requestOptions, itemChecks.value.contactId);
	let willBeSent = false;
	try {
		const prepared = await preparedRequest(context, requestOptions, itemChecks);
		willBeSent = heldRequest(prepared) === undefined;
		return prepared;
	} finally {
		if (!willBeSent) passContactTurn(requestOptions);
	}
}

async function preparedRequest(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	itemChecks: FieldChecks<CheckedFields>,
): Promise<IHttpRequestOptions> {
	const checks = await checkedWithAllItems(context, itemChecks);
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
