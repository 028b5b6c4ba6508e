import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import type { MessagePayload } from './messagePayload';

/**
 * The output of one send: what was sent (the contact ID as the user gave it, a number as
 * text, and the type of the element built) plus ChatCentral's answer.
 */
export function sentMessage(
	context: IExecuteSingleFunctions,
	payload: MessagePayload,
	answer: INodeExecutionData[],
): INodeExecutionData[] {
	const contactId = context.getNodeParameter('contactId');
	const sent = { contactId: typeof contactId === 'number' ? String(contactId) : contactId, messageType: payload.body[0].type };
	return answer.map((item) => ({ ...item, json: { ...sent, ...item.json } }));
}
