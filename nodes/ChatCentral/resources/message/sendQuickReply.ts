import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { checkNonBlankText } from '../../fieldChecks/checkNonBlankText';
import { checkQuickReplies, MAX_QUICK_REPLIES, MAX_QUICK_REPLY_CHARACTERS } from '../../fieldChecks/checkQuickReplies';
import { messageOperation } from './messageOperation';

export interface QuickReplyElement {
	type: 'quick_reply';
	title: string;
	replies: string[];
}

export function quickReplyElement(context: IExecuteSingleFunctions): QuickReplyElement {
	return {
		type: 'quick_reply',
		title: checkNonBlankText('Title', context.getNodeParameter('title'), 'Write the question the reply buttons answer.'),
		replies: checkQuickReplies(context.getNodeParameter('replies', [])),
	};
}

export const sendQuickReply = messageOperation({
	option: {
		name: 'Send Quick Reply',
		value: 'sendQuickReply',
		action: 'Send a quick reply question',
		description: 'Send a question with reply buttons the contact can tap',
	},
	fields: [
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. What is your favorite color?',
			description: 'The question shown above the reply buttons; it must not be empty',
		},
		{
			displayName: `Up to ${MAX_QUICK_REPLIES} replies, each at most ${MAX_QUICK_REPLY_CHARACTERS} characters (a plain emoji counts as one). One row can also hold the whole list: a JSON array such as ["Yes","No"], or one reply per line.`,
			name: 'repliesLimits',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Replies',
			name: 'replies',
			type: 'string',
			required: true,
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Reply' },
			default: [],
			placeholder: 'e.g. Yes',
			description: `The reply buttons, one per row (at most ${MAX_QUICK_REPLIES}, each up to ${MAX_QUICK_REPLY_CHARACTERS} characters); a row mapped to a list, or holding a JSON array or one reply per line (as an AI Agent's model can, through one $fromAI value), adds each of its entries`,
		},
	],
	toolDescription: `Ask a ChatCentral contact (WhatsApp, Viber, Messenger and more) a question with reply buttons they can tap. Title: the question, not empty. Replies: 1 to ${MAX_QUICK_REPLIES} buttons, each at most ${MAX_QUICK_REPLY_CHARACTERS} characters (an emoji counts as one) and not blank, all in one value: one reply per line, or a JSON array of texts such as ["Yes","No"].`,
	buildElement: quickReplyElement,
});
