import type { INodeProperties } from 'n8n-workflow';

const forWholeResource = { show: { resource: ['message'] } };

export const contactIdField: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. {{ $json.contactId }}',
	description:
		'ID of the ChatCentral contact to message. Map it from the previous node; it is sent exactly as given.',
	displayOptions: forWholeResource,
};

export const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: forWholeResource,
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
};
