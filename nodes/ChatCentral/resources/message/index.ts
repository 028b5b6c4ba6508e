import type { INodeProperties } from 'n8n-workflow';

import type { MessageOperation } from './messageOperation';
import { requestOptionsField } from './requestOptionsField';
import { sendAndWait } from './sendAndWait';
import { sendAttachment } from './sendAttachment';
import { sendQuickReply } from './sendQuickReply';
import { sendText } from './sendText';
import { contactIdField, optionsField } from './sharedFields';

/** The message resource's operations, one module each. */
const OPERATIONS: MessageOperation[] = [sendText, sendAttachment, sendQuickReply, sendAndWait];

/** The Operation field, its options in alphabetical order as n8n lists them. */
const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['message'] } },
	options: OPERATIONS.map(({ option }) => option).sort((a, b) => a.name.localeCompare(b.name)),
	default: 'sendText',
};

/**
 * The message resource's fields: the tool's Description (shown only as an AI Agent's tool),
 * Contact ID, then each operation's own, then Options; Request Options in Settings.
 */
export const messageProperties: INodeProperties[] = [
	operationField,
	...OPERATIONS.map(({ toolDescriptionField }) => toolDescriptionField),
	contactIdField,
	...OPERATIONS.flatMap(({ fields }) => fields),
	optionsField,
	requestOptionsField,
];
