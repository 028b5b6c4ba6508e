import type { INode } from 'n8n-workflow';

/**
 * Whether an AI Agent runs the node as its tool. n8n makes a `usableAsTool` node a tool by
 * running its twin type, named like the node plus "Tool" (`n8n-nodes-chatcentral.chatCentralTool`),
 * both when the agent has the engine run the tool (n8n 2.x) and when it calls the tool itself (1.x).
 */
export function runsAsAiTool(context: { getNode(): INode }): boolean {
	return context.getNode().type.endsWith('Tool');
}
