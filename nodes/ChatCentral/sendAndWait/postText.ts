import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { credentialOfRun } from '../credentialOfRun';
import { apiAnswerError } from '../errors/ApiAnswerError';
import type { SendContext } from '../itemContext';
import { JSON_HEADERS } from '../resources/message/jsonHeaders';
import { messagePayload } from '../resources/message/messagePayload';
import { sendContentPath } from '../resources/message/sendContentPath';
import type { TextElement } from '../resources/message/sendText';

export interface TextMessage {
	contactId: string;
	text: string;
	forceCancelSurvey: boolean;
	/** Timeout, SSL check and proxy from Settings → Request Options. */
	settings: Partial<IHttpRequestOptions>;
}

/**
 * One request sending a text, outside the node's routing (Send and Wait is a custom operation):
 * the request the routing builds for Send Text, with the credential's token. ChatCentral's answer
 * when it says "Message Sent"; any other answer throws its ApiAnswerError.
 */
export async function postText(context: IExecuteFunctions, item: SendContext, message: TextMessage): Promise<IDataObject> {
	const { baseUrl, viberChannel } = await credentialOfRun(item);
	const element: TextElement = { type: 'text', text: message.text };
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, 'chatCentralApi', {
		...message.settings,
		method: 'POST',
		baseURL: String(baseUrl),
		url: sendContentPath(message.contactId, viberChannel === true),
		headers: { ...JSON_HEADERS },
		body: messagePayload(element, message.forceCancelSurvey),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
	const error = apiAnswerError(item, response);
	if (error !== undefined) throw error;
	return response.body as IDataObject;
}
