import type { IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import type { MessagePayload } from './messagePayload';

// Each request's contact ID as its item's checks gave it, kept from the preSend that built the
// request to the output of its send: reading the field again would evaluate its expression again,
// once per item, while the answers of the run wait to be handled.
const contactIds = new WeakMap<IHttpRequestOptions, string>();

/** Remembers the checked contact ID a request is built for, for its output. */
export function rememberContactId(requestOptions: IHttpRequestOptions, contactId: string): void {
	contactIds.set(requestOptions, contactId);
}

/** What an item's request sends: the contact ID as the user gave it (a number as text) and the element's type. */
export function whatWasSent(requestOptions: IHttpRequestOptions, payload: MessagePayload): { contactId?: string; messageType: string } {
	return { contactId: contactIds.get(requestOptions), messageType: payload.body[0].type };
}

/**
 * The output of one send: what was sent (the contact ID as the user gave it, a number as
 * text, and the type of the element built) plus ChatCentral's answer.
 */
export function sentMessage(
	requestOptions: IHttpRequestOptions,
	payload: MessagePayload,
	answer: INodeExecutionData[],
): INodeExecutionData[] {
	const sent = whatWasSent(requestOptions, payload);
	return answer.map((item) => ({ ...item, json: { ...sent, ...item.json } }));
}
