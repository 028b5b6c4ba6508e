import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiAnswerError } from './apiAnswerError';
import { checkedWithAllItems, type FieldChecks } from './checkedWithAllItems';
import { holdRequest } from './heldRequests';
import { apiFailure } from './rules/apiFailure';
import { checkAttachmentType } from './rules/checkAttachmentType';
import { checkAttachmentUrl } from './rules/checkAttachmentUrl';
import { checkContactId } from './rules/checkContactId';
import { checkNonBlankText } from './rules/checkNonBlankText';
import { checkQuickReplies } from './rules/checkQuickReplies';
import { contactIdPathSegment } from './rules/contactIdPathSegment';
import { InvalidFieldError } from './rules/InvalidFieldError';
import type { MessageElement } from './rules/messagePayload';
import { messagePayload } from './rules/messagePayload';

const SEND_CONTENT_PATH = '/v1/message/sendContent/';

/**
 * Runs the field checks of one item; a failed check becomes the error n8n shows on that
 * item ("Reply 11 of item 3: …"). Errors that are not field checks (an expression that
 * cannot be resolved) keep their own message.
 */
function checkFields<T>(context: IExecuteSingleFunctions, check: () => T): FieldChecks<T> {
	try {
		return { ok: true, value: check() };
	} catch (error) {
		const itemIndex = context.getItemIndex();
		if (error instanceof InvalidFieldError) {
			const message = `${error.field} of item ${itemIndex + 1}: ${error.problem}`;
			return {
				ok: false,
				error: new NodeOperationError(context.getNode(), message, { itemIndex, description: error.hint }),
			};
		}
		return { ok: false, error: new NodeOperationError(context.getNode(), error as Error, { itemIndex }) };
	}
}

/**
 * Checks the item's fields before any request and builds the request: the contact ID as
 * the path segment, the one-element body. An item that fails makes no request: the node
 * stops with its error, or with "On Error: Continue" the item alone fails.
 */
async function prepareMessage(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	readMessageElement: () => MessageElement,
): Promise<IHttpRequestOptions> {
	const checks = await checkedWithAllItems(
		context,
		checkFields(context, () => ({
			contactId: checkContactId(context.getNodeParameter('contactId')),
			element: readMessageElement(),
			forceCancelSurvey: (context.getNodeParameter('options', {}) as IDataObject).forceCancelSurvey === true,
		})),
	);
	if (checks.ok === 'heldBack') return holdRequest(requestOptions);
	if (!checks.ok) {
		if (context.continueOnFail()) return holdRequest(requestOptions, checks.error);
		throw checks.error;
	}
	const { contactId, element, forceCancelSurvey } = checks.value;
	const { viberChannel } = await context.getCredentials('chatCentralApi');
	requestOptions.url = SEND_CONTENT_PATH + contactIdPathSegment(contactId, viberChannel === true);
	requestOptions.body = messagePayload(element, forceCancelSurvey);
	return requestOptions;
}

export async function prepareTextMessage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return await prepareMessage(this, requestOptions, () => ({
		type: 'text',
		text: checkNonBlankText(
			'Text',
			this.getNodeParameter('text'),
			'Write the message to send, or map it from a previous node.',
		),
	}));
}

export async function prepareAttachmentMessage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return await prepareMessage(this, requestOptions, () => ({
		type: checkAttachmentType(this.getNodeParameter('attachmentType')),
		url: checkAttachmentUrl(this.getNodeParameter('url')),
	}));
}

export async function prepareQuickReplyMessage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return await prepareMessage(this, requestOptions, () => ({
		type: 'quick_reply',
		title: checkNonBlankText(
			'Title',
			this.getNodeParameter('title'),
			'Write the question the reply buttons answer.',
		),
		replies: checkQuickReplies(this.getNodeParameter('replies', [])),
	}));
}

/** What was sent: the contact ID as the user gave it (a number as text) and the message type. */
function sentFields(context: IExecuteSingleFunctions): IDataObject {
	const operation = context.getNodeParameter('operation');
	const messageType =
		operation === 'sendText'
			? 'text'
			: operation === 'sendQuickReply'
				? 'quick_reply'
				: context.getNodeParameter('attachmentType');
	const contactId = context.getNodeParameter('contactId');
	return { contactId: typeof contactId === 'number' ? String(contactId) : contactId, messageType };
}

/**
 * The output item of one send: what was sent (the contact ID as the user gave it and the
 * message type) plus ChatCentral's answer. Any other answer than a 2xx with status "Success"
 * fails the item with the API's own message and what to do about it.
 */
export async function toSentMessage(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const failure = apiFailure(response.statusCode, response.body);
	if (failure !== undefined) throw apiAnswerError(this, response, failure);
	return [
		{
			json: { ...sentFields(this), ...(response.body as IDataObject) },
			pairedItem: { item: this.getItemIndex() },
		},
	];
}
