import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { NodeItem } from '../itemContext';
import { redirectRefusedHost } from './redirectRefusedHost';
import { connectionErrorCode, requestErrorParts } from './requestErrors';

/** What the item's error tells the user about a message that may have been delivered. */
function mayHaveBeenDeliveredWords(failure: unknown): { message: string; description: string | undefined } {
	// An error n8n's request helpers raised themselves keeps their words
	if (failure instanceof NodeOperationError) return { message: failure.message, description: failure.description ?? undefined };
	const refusedHost = redirectRefusedHost(failure);
	if (refusedHost !== undefined) {
		return {
			message: `ChatCentral redirected the request to ${refusedHost}, which this credential's Allowed HTTP Request Domains does not list: add ${refusedHost} there, or set the credential's Base URL to the address it redirects to`,
			// A redirect is no "Message Sent", and the contract does not say it delivered nothing
			description: `n8n did not follow the redirect. ChatCentral answered with a redirect instead of "Message Sent", so the message may have been delivered, and it was not sent again. Check the contact's conversation in ChatCentral; if the message is missing, run this item again once the credential is changed.`,
		};
	}
	const code = connectionErrorCode(failure);
	return {
		message: 'No answer from ChatCentral: the message may have been delivered, so it was not sent again',
		description: `The connection ended after the message was sent and before ChatCentral answered${code ? ` (${code})` : ''}. Check the contact's conversation in ChatCentral; if the message is missing, run this item again.`,
	};
}

/**
 * The message went out and no answer came back (or an answer n8n would not follow: a redirect
 * to a host the credential's Allowed HTTP Request Domains does not list): ChatCentral may have
 * delivered it, so it is never sent again, not even by a retry of the node.
 */
export class MayHaveBeenDeliveredError extends NodeApiError {
	constructor(context: NodeItem, failure: unknown) {
		const { response, httpCode } = requestErrorParts(context, failure);
		super(context.getNode(), response, {
			...mayHaveBeenDeliveredWords(failure),
			httpCode,
			itemIndex: context.getItemIndex(),
		});
		// n8n recognises its errors by name (and shows it): keep NodeApiError's
		this.name = 'NodeApiError';
	}
}
