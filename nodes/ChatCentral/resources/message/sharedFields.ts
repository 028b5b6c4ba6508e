import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

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

export const forceCancelSurveyOption: INodeProperties = {
	displayName: 'Force Cancel Survey',
	name: 'forceCancelSurvey',
	type: 'boolean',
	default: false,
	description:
		'Whether to cancel a survey running for the contact so the message gets through. Off: a running survey is left alone.',
};

/** The Options of the operations that send right away; Send and Wait has its own. */
export const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { ...forWholeResource, hide: { operation: [SEND_AND_WAIT_OPERATION] } },
	options: [forceCancelSurveyOption],
};
