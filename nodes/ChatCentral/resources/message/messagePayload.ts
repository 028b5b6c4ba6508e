/** One message as the API's `body` takes it; each operation builds its own kind (sendText, …). */
export interface MessageElement {
	/** The API's element type: text, image, video, audio, file, quick_reply. */
	type: string;
}

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
