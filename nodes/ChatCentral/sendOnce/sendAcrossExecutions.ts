import type { INodeExecutionData } from 'n8n-workflow';

import { earlierSend } from '../delivery/earlierSends';
import { MayHaveBeenDeliveredError } from '../errors/MayHaveBeenDeliveredError';
import { withoutRequestSettings } from '../errors/requestErrors';
import type { SendOnceKey } from '../fieldChecks/checkSendOnceKey';
import type { SendContext } from '../itemContext';
import { claimKey, type KeyMemoryContext } from './sendOnceKeyMemory';
import { recordSentInExecution, sentByEarlierTry, type ExecutionItem } from './sentInExecution';

/** Who sent the message of an item that is not sent again. */
export interface EarlierSender {
	/** The item's own execution (an earlier try n8n's Retry copied), or another with the same Send Once Key. */
	because: 'earlierTryOfThisExecution' | 'sendOnceKey';
	executionId: string;
	/** When, if known (a Send Once Key keeps it). */
	at?: Date;
}

/**
 * Sends an item's message unless an earlier execution did: an earlier try of this execution
 * (n8n's Retry), or any execution of this node with the same Send Once Key. Then `alreadySent`
 * gives the item's output instead. A message that was accepted, or may have been delivered, is
 * recorded in the execution (its custom data) and under its key; a send that certainly failed
 * releases the key, so that the same key goes out once the cause is fixed.
 */
export async function sendAcrossExecutions(
	context: SendContext & ExecutionItem & KeyMemoryContext,
	key: SendOnceKey | undefined,
	alreadySent: (sender: EarlierSender) => INodeExecutionData[],
	send: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	// This node run tried it already (Retry On Fail): send answers with that try's outcome
	if (earlierSend(context) !== undefined) return await send();
	const earlierTry = sentByEarlierTry(context);
	if (earlierTry !== undefined) return alreadySent({ because: 'earlierTryOfThisExecution', ...earlierTry });
	const claim = key === undefined ? undefined : await claimKey(context, key.hash, key.bounds);
	if (claim?.alreadySent !== undefined) {
		const { executionId, at } = claim.alreadySent;
		return alreadySent({ because: 'sendOnceKey', executionId, at: new Date(at) });
	}
	const executionId = String(context.getExecutionId() ?? '');
	try {
		const output = await send();
		recordSentInExecution(context);
		claim?.keep(executionId);
		return output;
	} catch (error) {
		if (error instanceof MayHaveBeenDeliveredError) {
			recordSentInExecution(context);
			claim?.keep(executionId);
		} else claim?.release();
		// sendOnce's error already is the item's (withoutRequestSettings keeps it as it is)
		throw withoutRequestSettings(context, error);
	}
}
