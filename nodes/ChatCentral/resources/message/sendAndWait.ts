import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { sendOnce } from '../../delivery/sendOnce';
import { invalidItemError } from '../../errors/fieldCheckErrors';
import { checkContactId } from '../../fieldChecks/checkContactId';
import { checkNonBlankText } from '../../fieldChecks/checkNonBlankText';
import type { SendContext } from '../../itemContext';
import { postText, type TextMessage } from '../../sendAndWait/postText';
import { requestSettings, type RequestOptions } from '../../sendAndWait/requestSettings';
import {
	DEFAULT_APPROVE_LABEL,
	DEFAULT_DECLINE_LABEL,
	DEFAULT_RESPOND_LABEL,
	responseChoices,
	sendAndWaitText,
	type ApprovalOptions,
	type FreeTextOptions,
	type ResponseType,
} from '../../sendAndWait/responseChoices';
import { waitUntil, type WaitLimit } from '../../sendAndWait/waitLimit';
import { toolDescriptionField, type MessageOperation } from './messageOperation';
import { forceCancelSurveyOption } from './sharedFields';

const forSendAndWait = (show: IDataObject = {}): INodeProperties['displayOptions'] => ({
	show: { resource: ['message'], operation: [SEND_AND_WAIT_OPERATION], ...show },
});

const option: INodePropertyOptions = {
	name: 'Send and Wait for Response',
	value: SEND_AND_WAIT_OPERATION,
	action: 'Send message and wait for response',
	description: 'Send a message with answer links and pause the workflow until the contact answers',
};

const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether the workflow goes on without an answer after a while. It then outputs its input items unchanged, with no "data".',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Waits for a certain amount of time' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Waits until a date and time' },
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'How long to wait for the answer',
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					default: 'hours',
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
					default: '',
					description: 'When the workflow goes on without an answer',
				},
			],
		},
	],
};

const freeTextOptions: INodeProperties[] = [
	{
		displayName: 'Message Button Label',
		name: 'messageButtonLabel',
		type: 'string',
		default: DEFAULT_RESPOND_LABEL,
		description: 'The label before the link to the answer form',
	},
	{
		displayName: 'Response Form Title',
		name: 'responseFormTitle',
		type: 'string',
		default: '',
		description: 'Title of the answer form',
	},
	{
		displayName: 'Response Form Description',
		name: 'responseFormDescription',
		type: 'string',
		default: '',
		description: 'Text above the answer field; empty: the message',
	},
	{
		displayName: 'Response Form Button Label',
		name: 'responseFormButtonLabel',
		type: 'string',
		default: 'Submit',
	},
];

/** The Options of one response type (as n8n's send-and-wait nodes have: one collection per type). */
function optionsFor(responseType: ResponseType, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
		displayOptions: forSendAndWait({ responseType: [responseType] }),
	};
}

const fields: INodeProperties[] = [
	{
		displayName:
			'One message per run: like n8n\'s own send-and-wait nodes, this uses the first input item\'s fields and waits for one answer',
		name: 'sendAndWaitNotice',
		type: 'notice',
		default: '',
		displayOptions: forSendAndWait(),
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Confirm your appointment on {{ $json.date }}?',
		description:
			'The question. The contact gets it as one text with the answer links below it. Taken from the first input item.',
		displayOptions: forSendAndWait(),
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{ name: 'Approval', value: 'approval', description: 'The contact follows an Approve (or a Decline) link' },
			{ name: 'Free Text', value: 'freeText', description: 'The contact follows a link and writes an answer in a small page' },
		],
		displayOptions: forSendAndWait(),
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Disapprove', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: DEFAULT_APPROVE_LABEL,
						displayOptions: { show: { approvalType: ['single', 'double'] } },
					},
					{
						displayName: 'Disapprove Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: DEFAULT_DECLINE_LABEL,
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
		displayOptions: forSendAndWait({ responseType: ['approval'] }),
	},
	optionsFor('approval', [limitWaitTimeOption, forceCancelSurveyOption]),
	optionsFor('freeText', [...freeTextOptions, limitWaitTimeOption, forceCancelSurveyOption]),
];

/** The operation's entry and fields; it has no routing: the node's customOperations run it. */
export const sendAndWait: MessageOperation = {
	option,
	fields,
	toolDescriptionField: toolDescriptionField(
		SEND_AND_WAIT_OPERATION,
		'Sends the contact one question with answer links (approve / decline, or a link to write an answer) and waits until they answer or the time limit passes; then answers with { data: { approved } } or { data: { text } }. Message: the question, not empty.',
	),
};

type SendAndWaitOptions = FreeTextOptions & { forceCancelSurvey?: boolean; limitWaitTime?: { values?: WaitLimit } };

/**
 * n8n 2.x refuses any link of a send-and-wait node it did not sign; n8n 1.x only once the node
 * asks for it (a method n8n 2.x no longer has).
 */
function requireSignedLinks(context: IExecuteFunctions): void {
	(context as { setSignatureValidationRequired?: () => void }).setSignatureValidationRequired?.();
}

/** The first item, as sending its message needs it (n8n's send-and-wait nodes use item 0). */
function firstItem(context: IExecuteFunctions): SendContext {
	return {
		getNode: () => context.getNode(),
		getItemIndex: () => 0,
		getCredentials: async (type) => await context.getCredentials(type, 0),
		getExecuteData: () => context.getExecuteData(),
		getExecutionCancelSignal: () => context.getExecutionCancelSignal(),
	};
}

/**
 * Send and Wait for Response (a custom operation: it cannot be routing). Checks the first
 * item's fields, sends one text (the message and its signed answer links) through the same
 * paced, never-resent path as every message, and puts the execution to wait until a link
 * answers (sendAndWaitWebhook) or the time limit passes.
 */
export async function sendAndWaitForResponse(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const item = firstItem(this);
	let message: TextMessage;
	let waitTill: Date;
	try {
		const contactId = checkContactId(this.getNodeParameter('contactId', 0));
		const question = checkNonBlankText(
			'Message',
			this.getNodeParameter('message', 0),
			'Write the question to ask, or map it from a previous node.',
		);
		const options = this.getNodeParameter('options', 0, {}) as SendAndWaitOptions;
		const choices = responseChoices(
			this.getNodeParameter('responseType', 0, 'approval') as ResponseType,
			this.getNodeParameter('approvalOptions.values', 0, {}) as ApprovalOptions,
			options,
			(query) => this.getSignedResumeUrl(query),
		);
		message = {
			contactId,
			text: sendAndWaitText(question, choices),
			forceCancelSurvey: options.forceCancelSurvey === true,
			settings: requestSettings(this.getNodeParameter('requestOptions', 0, {}) as RequestOptions),
		};
		waitTill = waitUntil(options.limitWaitTime?.values);
	} catch (error) {
		throw invalidItemError(item, error);
	}
	requireSignedLinks(this);
	await sendOnce(item, async () => [{ json: await postText(this, item, message) }]);
	await this.putExecutionToWait(waitTill);
	return [this.getInputData()];
}
