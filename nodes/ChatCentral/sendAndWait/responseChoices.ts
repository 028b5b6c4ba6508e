import { checkNonBlankText } from '../fieldChecks/checkNonBlankText';

export type ResponseType = 'approval' | 'freeText';

/** Approval Options, as n8n's send-and-wait nodes name them. */
export interface ApprovalOptions {
	approvalType?: 'single' | 'double';
	approveLabel?: string;
	disapproveLabel?: string;
}

/** The free-text options, as n8n's send-and-wait nodes name them. */
export interface FreeTextOptions {
	messageButtonLabel?: string;
	responseFormTitle?: string;
	responseFormDescription?: string;
	responseFormButtonLabel?: string;
}

export const DEFAULT_APPROVE_LABEL = '✓ Approve';
export const DEFAULT_DECLINE_LABEL = '✗ Decline';
export const DEFAULT_RESPOND_LABEL = 'Respond';

/** One answer the message offers: its label and the signed link that gives it. */
export interface ResponseChoice {
	label: string;
	url: string;
}

/** Resume links signed by n8n: `approved` is the answer the link gives. */
export type SignedResumeUrl = (query: { approved: 'true' | 'false' }) => string;

// A label stands on one line before its link: line breaks and runs of spaces become one space.
function checkLabel(field: string, value: unknown): string {
	return checkNonBlankText(field, value, 'Give the button a short label, e.g. "Approve", or leave the default.')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * The answers the message offers: Approve (and Decline with "Approve and Disapprove"), or one
 * link to the free-text form. Every link is signed, so n8n refuses it once altered.
 */
export function responseChoices(
	responseType: ResponseType,
	approval: ApprovalOptions,
	freeText: FreeTextOptions,
	signedResumeUrl: SignedResumeUrl,
): ResponseChoice[] {
	if (responseType === 'freeText') {
		const label = checkLabel('Message Button Label', freeText.messageButtonLabel ?? DEFAULT_RESPOND_LABEL);
		return [{ label, url: signedResumeUrl({ approved: 'true' }) }];
	}
	const approve = { label: checkLabel('Approve Button Label', approval.approveLabel ?? DEFAULT_APPROVE_LABEL), url: signedResumeUrl({ approved: 'true' }) };
	if (approval.approvalType !== 'double') return [approve];
	const decline = {
		label: checkLabel('Disapprove Button Label', approval.disapproveLabel ?? DEFAULT_DECLINE_LABEL),
		url: signedResumeUrl({ approved: 'false' }),
	};
	return [approve, decline];
}

/** The one text the contact gets: the message, then each answer as its label and link, one a line. */
export function sendAndWaitText(message: string, choices: ResponseChoice[]): string {
	return `${message.trim()}\n\n${choices.map(({ label, url }) => `${label}: ${url}`).join('\n')}`;
}
