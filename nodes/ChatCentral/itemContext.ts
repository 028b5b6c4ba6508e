import type { IExecuteSingleFunctions } from 'n8n-workflow';

/** What an item's error needs: the node, and which item it is. */
export type NodeItem = Pick<IExecuteSingleFunctions, 'getNode' | 'getItemIndex'>;

/**
 * What sending one item's message needs of n8n: the item, the credential (its pacer), the run
 * (what an earlier try sent) and the cancel signal. A routing operation's item has it as its
 * IExecuteSingleFunctions; Send and Wait builds it for its one message.
 */
export type SendContext = NodeItem &
	Pick<IExecuteSingleFunctions, 'getCredentials' | 'getExecuteData' | 'getExecutionCancelSignal'>;
