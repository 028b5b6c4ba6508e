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
			description: 'The message to send',
		},
	],
	buildElement: textElement,
});
