import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { ATTACHMENT_TYPES, checkAttachmentType, type AttachmentType } from '../../fieldChecks/checkAttachmentType';
import { checkAttachmentUrl } from '../../fieldChecks/checkAttachmentUrl';
import { messageOperation } from './messageOperation';

export interface AttachmentElement {
	type: AttachmentType;
	url: string;
}

export function attachmentElement(context: IExecuteSingleFunctions): AttachmentElement {
	return {
		type: checkAttachmentType(context.getNodeParameter('attachmentType')),
		url: checkAttachmentUrl(context.getNodeParameter('url')),
	};
}

export const sendAttachment = messageOperation({
	option: {
		name: 'Send Attachment',
		value: 'sendAttachment',
		action: 'Send an attachment',
		description: 'Send an image, video, audio clip or file by its URL',
	},
	fields: [
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
		},
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/photo.jpg',
			description: 'Public address of the file to send, starting with https:// or http://',
		},
	],
	toolDescription: `Send a ChatCentral contact (WhatsApp, Viber, Messenger and more) an image, video, audio clip or file by its public address. Attachment Type: one of ${ATTACHMENT_TYPES.join(', ')}, the kind of file the URL points at (file for documents and anything else); ChatCentral refuses an image, video or audio URL that is not one. URL: the file's full public address, starting with https:// or http://.`,
	buildElement: attachmentElement,
});
