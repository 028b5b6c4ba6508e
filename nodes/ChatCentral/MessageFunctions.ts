import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
 * item ("Reply 11 of item 3: …"), thrown before any request is made.
 */
function checkFields<T>(context: IExecuteSingleFunctions, check: () => T): T {
	try {
		return check();
	} catch (error) {
		const itemIndex = context.getItemIndex();
		if (error instanceof InvalidFieldError) {
			throw new NodeOperationError(
				context.getNode(),
				`${error.field} of item ${itemIndex + 1}: ${error.problem}`,
				{ itemIndex, description: error.hint },
			);
		}
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

async function prepareMessage(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	checkElement: () => MessageElement,
): Promise<IHttpRequestOptions> {
	const rawContactId = context.getNodeParameter('contactId');
	const { forceCancelSurvey } = context.getNodeParameter('options', {}) as IDataObject;
	const { contactId, element } = checkFields(context, () => ({
		contactId: checkContactId(rawContactId),
		element: checkElement(),
	}));
	const { viberChannel } = await context.getCredentials('chatCentralApi');
	requestOptions.url = SEND_CONTENT_PATH + contactIdPathSegment(contactId, viberChannel === true);
	requestOptions.body = messagePayload(element, forceCancelSurvey === true);
	return requestOptions;
}

export async function prepareTextMessage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const text = this.getNodeParameter('text');
	return await prepareMessage(this, requestOptions, () => ({
		type: 'text',
		text: checkNonBlankText('Text', text, 'Write the message to send, or map it from a previous node.'),
	}));
}

export async function prepareAttachmentMessage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const attachmentType = this.getNodeParameter('attachmentType');
	const url = this.getNodeParameter('url');
	return await prepareMessage(this, requestOptions, () => ({
		type: checkAttachmentType(attachmentType),
		url: checkAttachmentUrl(url),
	}));
}

export async function prepareQuickReplyMessage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const title = this.getNodeParameter('title');
	const replies = this.getNodeParameter('replies', []);
	return await prepareMessage(this, requestOptions, () => ({
		type: 'quick_reply',
		title: checkNonBlankText('Title', title, 'Write the question the reply buttons answer.'),
		replies: checkQuickReplies(replies),
	}));
}

function sentMessageType(context: IExecuteSingleFunctions): string {
	const operation = context.getNodeParameter('operation');
	if (operation === 'sendText') return 'text';
	if (operation === 'sendQuickReply') return 'quick_reply';
	return String(context.getNodeParameter('attachmentType'));
}

/**
 * The output item of one send: what was sent (the contact ID as the user gave it and the
 * message type) plus ChatCentral's answer. Any answer but "Message Sent" fails the item with
 * the API's own message and what to do about it.
 */
export async function toSentMessage(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const failure = apiFailure(response.statusCode, response.body);
	if (failure !== undefined) {
		const body =
			typeof response.body === 'object' && response.body !== null
				? (response.body as JsonObject)
				: { response: String(response.body) };
		throw new NodeApiError(this.getNode(), body, {
			message: failure.message,
			description: failure.description,
			httpCode: String(response.statusCode),
			itemIndex,
		});
	}
	return [
		{
			json: {
				contactId: checkContactId(this.getNodeParameter('contactId')),
				messageType: sentMessageType(this),
				...(response.body as IDataObject),
			},
			pairedItem: { item: itemIndex },
		},
	];
}
