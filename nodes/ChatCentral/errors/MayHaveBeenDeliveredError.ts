import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { NodeItem } from '../itemContext';
import { redirectRefusedHost } from './redirectRefusedHost';
import { connectionErrorCode, requestErrorParts } from './requestErrors';

/**
 * The message went out and no answer came back (or an answer n8n would not follow: a redirect
 * to a host the credential's Allowed HTTP Request Domains does not list): ChatCentral may have
 * delivered it, so it is never sent again, not even by a retry of the node.
 */
export class MayHaveBeenDeliveredError extends NodeApiError {
	constructor(context: NodeItem, failure: unknown) {
		const code = connectionErrorCode(failure);
		const { response, httpCode } = requestErrorParts(context, failure);
		const refusedHost = redirectRefusedHost(failure);
		// An error n8n's request helpers raised themselves keeps their words
		const words =
			failure instanceof NodeOperationError
				? { message: failure.message, description: failure.description ?? undefined }
				: refusedHost !== undefined
					? {
							message: `ChatCentral redirected the request to ${refusedHost}, which this credential's Allowed HTTP Request Domains does not list: add ${refusedHost} there, or set the credential's Base URL to the address it redirects to`,
							// A redirect is no "Message Sent", and the contract does not say it delivered nothing
							description: `n8n did not follow the redirect. ChatCentral answered with a redirect instead of "Message Sent", so the message may have been delivered, and it was not sent again. Check the contact's conversation in ChatCentral; if the message is missing, run this item again once the credential is changed.`,
						}
					: {
							message: 'No answer from ChatCentral: the message may have been delivered, so it was not sent again',
							description: `The connection ended after the message was sent and before ChatCentral answered${code ? ` (${code})` : ''}. Check the contact's conversation in ChatCentral; if the message is missing, run this item again.`,
						};
		super(context.getNode(), response, {
			...words,
			httpCode,
			itemIndex: context.getItemIndex(),
		});
		// n8n recognises its errors by name (and shows it): keep NodeApiError's
		this.name = 'NodeApiError';
	}
}
