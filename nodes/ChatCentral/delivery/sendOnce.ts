import type { INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MayHaveBeenDeliveredError } from '../errors/MayHaveBeenDeliveredError';
import { withoutRequestSettings } from '../errors/requestErrors';
import type { SendContext } from '../itemContext';
import { earlierSend, rememberSend } from './earlierSends';
import { sendPaced } from './sendPaced';

/**
 * Sends an item's message at most once per node run: an earlier try that delivered it (the node
 * setting Retry On Fail runs the node again) gives its output again, one that may have delivered
 * it fails again; otherwise `send` goes out paced and retried as sendPaced says. Fails with the
 * item's error, without the request's settings (the token).
 */
export async function sendOnce(
	context: SendContext,
	send: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	try {
		const earlier = earlierSend(context);
		if (earlier !== undefined && 'output' in earlier) return earlier.output;
		if (earlier !== undefined) throw earlier.mayHaveBeenDelivered;
		const output = await sendPaced(context, send);
		rememberSend(context, { output });
		return output;
	} catch (error) {
		const nodeError: NodeApiError | NodeOperationError = withoutRequestSettings(context, error);
		if (nodeError instanceof MayHaveBeenDeliveredError) rememberSend(context, { mayHaveBeenDelivered: nodeError });
		throw nodeError;
	}
}
