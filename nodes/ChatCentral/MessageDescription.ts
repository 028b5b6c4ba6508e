import type { INodeProperties, INodePropertyRouting, PreSendAction } from 'n8n-workflow';

import {
	prepareAttachmentMessage,
	prepareQuickReplyMessage,
	prepareTextMessage,
	toSentMessage,
} from './MessageFunctions';
import { MAX_QUICK_REPLIES, MAX_QUICK_REPLY_CHARACTERS } from './rules/checkQuickReplies';

const showFor = (...operation: string[]) => ({ show: { resource: ['message'], operation } });

// `paginate` hands the request to the node's request operation (sendMessage), which makes it.
const sendMessageRouting = (prepareMessage: PreSendAction): INodePropertyRouting => ({
	request: { method: 'POST' },
	send: { preSend: [prepareMessage], paginate: true },
	output: { postReceive: [toSentMessage] },
});

export const messageOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send Attachment',
				value: 'sendAttachment',
				action: 'Send an attachment',
				description: 'Send an image, video, audio clip or file by its URL',
				routing: sendMessageRouting(prepareAttachmentMessage),
			},
			{
				name: 'Send Quick Reply',
				value: 'sendQuickReply',
				action: 'Send a quick reply question',
				description: 'Send a question with reply buttons the contact can tap',
				routing: sendMessageRouting(prepareQuickReplyMessage),
			},
			{
				name: 'Send Text',
				value: 'sendText',
				action: 'Send a text message',
				description: 'Send a text message',
				routing: sendMessageRouting(prepareTextMessage),
			},
		],
		default: 'sendText',
	},
];

export const messageFields: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.contactId }}',
		description:
			'ID of the ChatCentral contact to message. Map it from the previous node; it is sent exactly as given.',
		displayOptions: showFor('sendText', 'sendAttachment', 'sendQuickReply'),
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi {{ $json.firstName }}, your order has shipped!',
		description: 'The message to send',
		displayOptions: showFor('sendText'),
	},
	{
		displayName: 'Attachment Type',
		name: 'attachmentType',
		type: 'options',
		required: true,
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'File', value: 'file', description: 'A document or any other file' },
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
		default: 'image',
		description: 'What the URL points at. ChatCentral refuses an image, video or audio URL that is not one.',
		displayOptions: showFor('sendAttachment'),
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/photo.jpg',
		description: 'Public http(s) address of the file to send',
		displayOptions: showFor('sendAttachment'),
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. What is your favorite color?',
		description: 'The question shown above the reply buttons',
		displayOptions: showFor('sendQuickReply'),
	},
	{
		displayName: `Up to ${MAX_QUICK_REPLIES} replies, each at most ${MAX_QUICK_REPLY_CHARACTERS} characters (a plain emoji counts as one)`,
		name: 'repliesLimits',
		type: 'notice',
		default: '',
		displayOptions: showFor('sendQuickReply'),
	},
	{
		displayName: 'Replies',
		name: 'replies',
		type: 'string',
		required: true,
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Reply' },
		default: [],
		placeholder: 'e.g. Yes',
		description: `The reply buttons, one per row (at most ${MAX_QUICK_REPLIES}, each up to ${MAX_QUICK_REPLY_CHARACTERS} characters); a row mapped to a list adds each of its entries`,
		displayOptions: showFor('sendQuickReply'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor('sendText', 'sendAttachment', 'sendQuickReply'),
		options: [
			{
				displayName: 'Force Cancel Survey',
				name: 'forceCancelSurvey',
				type: 'boolean',
				default: false,
				description:
					'Whether to cancel a survey running for the contact so the message gets through. Off: a running survey is left alone.',
			},
		],
	},
];
