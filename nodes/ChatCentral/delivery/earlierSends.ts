import type { INodeExecutionData } from 'n8n-workflow';

import type { MayHaveBeenDeliveredError } from '../errors/MayHaveBeenDeliveredError';
import type { SendContext } from '../itemContext';

/** What an earlier try did with an item: delivered it, or sent it with no answer. */
export type EarlierSend = { output: INodeExecutionData[] } | { mayHaveBeenDelivered: MayHaveBeenDeliveredError };

// Keyed by the run's execute data: the node setting Retry On Fail runs the node again with the
// same execute data, all items included.
const sends = new WeakMap<object, Map<number, EarlierSend>>();

/** What an earlier try of this node run did with this item, if it sent its message. */
export function earlierSend(context: SendContext): EarlierSend | undefined {
	return sends.get(context.getExecuteData())?.get(context.getItemIndex());
}

export function rememberSend(context: SendContext, send: EarlierSend): void {
	const key = context.getExecuteData();
	let run = sends.get(key);
	if (run === undefined) {
		run = new Map();
		sends.set(key, run);
	}
	run.set(context.getItemIndex(), send);
}
