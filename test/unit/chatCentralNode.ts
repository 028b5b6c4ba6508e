import type { INode } from 'n8n-workflow';

/** The node as a workflow holds it, for unit tests that build n8n errors (they name their node). */
export const CHATCENTRAL_NODE: INode = {
	id: 'chatcentral',
	name: 'ChatCentral',
	type: 'n8n-nodes-chatcentral.chatCentral',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
