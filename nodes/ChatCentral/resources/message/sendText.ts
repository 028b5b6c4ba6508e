import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { checkNonBlankText } from '../../fieldChecks/checkNonBlankText';
import { messageOperation } from './messageOperation';

export interface TextElement {
	type: 'text';
	text: string;
}

export function textElement(context: IExecuteSingleFunctions): TextElement {
	return {
		type: 'text',
		text: checkNonBlankText(
			'Text',
			context.getNodeParameter('text'),
			'Write the message to send, or map it from a previous node.',
			'Write the message to send.',
		),
	};
}

export const sendText = messageOperation({
	option: {
		name: 'Send Text',
		value: 'sendText',
		action: 'Send a text message',
		description: 'Send a text message',
	},
	fields: [
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 4 },
			placeholder: 'e.g. Hi {{ $json.firstName }}, your order has shipped!',
			description: 'The message to send; it must not be empty',
		},
	],
	toolDescription:
		'Send a text message to a ChatCentral contact (WhatsApp, Viber, Messenger and more). Text: the message, not empty.',
	buildElement: textElement,
});
