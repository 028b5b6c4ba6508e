import type { AttachmentType } from './checkAttachmentType';

export type MessageElement =
	| { type: 'text'; text: string }
	| { type: AttachmentType; url: string }
	| { type: 'quick_reply'; title: string; replies: string[] };

export interface MessagePayload {
	body: [MessageElement];
	forceCancelSurvey?: true;
}

/**
 * The JSON the API takes: exactly one element in `body`, and `forceCancelSurvey: true`
 * beside it only when the user asks to cancel a running survey (absent otherwise, so a
 * survey is never cancelled by accident).
 */
export function messagePayload(element: MessageElement, forceCancelSurvey: boolean): MessagePayload {
	return forceCancelSurvey ? { body: [element], forceCancelSurvey: true } : { body: [element] };
}
