import { NodeConnectionTypes, SEND_AND_WAIT_OPERATION, UserError, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { sendMessage } from './delivery/sendMessage';
import { messageProperties } from './resources/message';
import { JSON_HEADERS } from './resources/message/jsonHeaders';
import { sendAndWaitForResponse } from './resources/message/sendAndWait';
import { sendAndWaitWebhook } from './sendAndWait/sendAndWaitWebhook';
import { sendAndWaitWebhooks } from './sendAndWait/webhooks';

// n8n before 1.85 has no NodeConnectionTypes: the TypeError below would reach its log as
// "Class could not be found" (README, Compatibility).
if (NodeConnectionTypes === undefined) {
	throw new UserError('n8n-nodes-chatcentral needs n8n 1.85 or newer: update n8n to use the ChatCentral node');
}

export class ChatCentral implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ChatCentral',
		name: 'chatCentral',
		icon: { light: 'file:chatCentral.svg', dark: 'file:chatCentral.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send text, attachments and quick-reply questions to contacts on WhatsApp, Viber, Messenger and more, and wait for their answer',
		defaults: { name: 'ChatCentral' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'chatCentralApi', required: true }],
		webhooks: sendAndWaitWebhooks,
		requestDefaults: {
			baseURL: '={{ $credentials.baseUrl }}',
			headers: { ...JSON_HEADERS },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		requestOperations: { pagination: sendMessage },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message', value: 'message' }],
				default: 'message',
			},
			...messageProperties,
		],
	};

	webhook = sendAndWaitWebhook;

	customOperations = {
		message: { [SEND_AND_WAIT_OPERATION]: sendAndWaitForResponse },
	};
}
