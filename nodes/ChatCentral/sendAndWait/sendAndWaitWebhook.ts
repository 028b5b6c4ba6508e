import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isLinkPreview } from './isLinkPreview';
import { answeredPage, answerFormPage, linkPreviewPage, PAGE_HEADERS } from './responsePages';
import type { FreeTextOptions } from './responseChoices';

/** The field of the answer form, and the answer's key in the node's output (`data.text`). */
const ANSWER_FIELD = 'text';

function respond(context: IWebhookFunctions, status: number, html: string): void {
	context.getResponseObject().status(status).set(PAGE_HEADERS).send(html);
}

/** `{ data: … }`: the output shape of n8n's own send-and-wait nodes. */
function resume(data: IDataObject): IWebhookResponseData {
	return { noWebhookResponse: true, workflowData: [[{ json: { data } }]] };
}

/**
 * A link of a Send and Wait message was followed. n8n calls this only while the execution waits
 * and only with a link it signed (it answers an altered or unsigned link, and one whose answer
 * was already taken, with a page of its own). Approval links answer at once, unless a link
 * preview or bot fetched them: that answers nothing. The free-text link shows the form; its
 * submission answers. Whatever answers resumes the workflow with `{ data: { approved } }` or
 * `{ data: { text } }`.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	if (this.getNodeParameter('responseType', 'approval') === 'freeText') {
		const options = this.getNodeParameter('options', {}) as FreeTextOptions;
		const form = {
			title: options.responseFormTitle ?? '',
			description: options.responseFormDescription || String(this.getNodeParameter('message', '')),
			buttonLabel: options.responseFormButtonLabel || 'Submit',
		};
		if (request.method !== 'POST') {
			respond(this, 200, answerFormPage(form));
			return { noWebhookResponse: true };
		}
		const answer = this.getBodyData()[ANSWER_FIELD];
		if (typeof answer !== 'string' || answer.trim() === '') {
			respond(this, 422, answerFormPage({ ...form, error: 'Write your answer before sending it.' }));
			return { noWebhookResponse: true };
		}
		respond(this, 200, answeredPage(answer));
		return resume({ text: answer });
	}
	if (isLinkPreview(request.headers['user-agent'])) {
		respond(this, 200, linkPreviewPage());
		return { noWebhookResponse: true };
	}
	const approved = request.query.approved === 'true';
	respond(this, 200, answeredPage(approved ? 'Approved' : 'Declined'));
	return resume({ approved });
}
