import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { DEFAULT_KEY_HISTORY_SIZE, DEFAULT_KEY_MEMORY_DAYS } from '../../fieldChecks/checkSendOnceKey';

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

const SENDING_ONCE_QUEUE_MODE_DOCS = 'https://github.com/chatcentral/n8n-nodes-chatcentral/blob/main/docs/sending-once.md#queue-mode';

export const sendOnceKeyOption: INodeProperties = {
	displayName: 'Send Once Key',
	name: 'sendOnceKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.eventId }}-{{ $json.contactId }}',
	description:
		'A value that names this message, such as the event ID and the contact. A message whose key this node already sent (or may have sent) is not sent again in a later execution of the same n8n process: the item is output with "alreadySent": true instead. Keys are kept as hashes in the process and, where n8n loaded it whole, in the workflow\'s static data.',
	hint: `Queue mode: a repeat is skipped only on the worker that sent the key, unless this node is in a published sub-workflow; for every worker, see <a href="${SENDING_ONCE_QUEUE_MODE_DOCS}">Sending once in queue mode</a>`,
};

export const sendOnceKeyHistorySizeOption: INodeProperties = {
	displayName: 'Key History Size',
	name: 'sendOnceKeyHistorySize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_KEY_HISTORY_SIZE,
	description:
		'How many Send Once Keys the node remembers; beyond it the oldest are forgotten. Each costs about 40–50 bytes of the workflow\'s static data.',
};

export const sendOnceKeyDaysOption: INodeProperties = {
	displayName: 'Forget Keys After (Days)',
	name: 'sendOnceKeyDays',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: DEFAULT_KEY_MEMORY_DAYS,
	description: 'How long the node remembers a Send Once Key after its message was sent',
};

/** The Options of the operations that send right away; Send and Wait has its own. */
export const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { ...forWholeResource, hide: { operation: [SEND_AND_WAIT_OPERATION] } },
	options: [forceCancelSurveyOption, sendOnceKeyDaysOption, sendOnceKeyHistorySizeOption, sendOnceKeyOption],
};
