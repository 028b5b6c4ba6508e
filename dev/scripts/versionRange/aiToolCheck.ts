// The ChatCentral node as an AI Agent tool in one n8n release, for dev/scripts/n8nVersionRange.ts:
// examples/ai-agent-chatcentral-tool.json with the model stand-in calling Send Text once; what
// went wrong, as plain strings.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { toolMessages, type ModelStandIn, type ModelScript } from '../../modelStandIn/server';
import type { Sandbox } from '../../sandbox/server';
import { AI_AGENT_EXAMPLE } from '../../../test/e2e/aiAgentExample';
import { callWebhook, n8nPackage, type N8nServer, type N8nVersion } from '../../../test/e2e/realN8n';

const TEXT = 'Your order left our warehouse today.';
const DONE = 'Sent the shipping update.';

/** The model: Send Text first, then (with the tool's answer) its final words. */
export const AI_TOOL_SCRIPT: ModelScript = (request) =>
	request.messages.some(({ role }) => role === 'tool') ? { content: DONE } : { toolCalls: [{ name: 'Send_Text', arguments: { Text: TEXT } }] };

/** The AI Agent typeVersions the release's @n8n/n8n-nodes-langchain has (its versioned node's table). */
export function agentTypeVersions(version: N8nVersion): number[] {
	const file = join(n8nPackage(version), '..', '@n8n', 'n8n-nodes-langchain', 'dist', 'nodes', 'agents', 'Agent', 'Agent.node.js');
	if (!existsSync(file)) return [];
	return [...readFileSync(file, 'utf8').matchAll(/^\s*([\d.]+): new \w+\.AgentV\d+\(/gm)].map(([, typeVersion]) => Number(typeVersion));
}

/** Asks the agent to update a customer; returns what went wrong (empty: it worked). */
export async function aiToolProblems(server: N8nServer, sandbox: Sandbox, standIn: ModelStandIn): Promise<string[]> {
	sandbox.reset();
	const before = standIn.requests.length;
	const answer = await callWebhook(server, AI_AGENT_EXAMPLE.webhookPath, { contactId: 'range-ai', message: 'Where is my order?' });
	const problems: string[] = [];
	if (answer.status !== 200 || !isDeepStrictEqual(answer.body, { output: DONE })) problems.push(`the agent answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
	const requests = standIn.requests.slice(before).map(({ body }) => body);
	const toolResult = requests.length === 2 ? toolMessages(requests[1]) : [];
	if (!toolResult.some((result) => result.includes('"status":"Success"'))) problems.push(`${requests.length} model requests; the tool answered ${JSON.stringify(toolResult).slice(0, 300)}`);
	const accepted = sandbox.accepted().map(({ contactId, payload }) => [contactId, payload]);
	if (!isDeepStrictEqual(accepted, [['range-ai', { body: [{ type: 'text', text: TEXT } ] }]])) problems.push(`the sandbox got ${JSON.stringify(accepted).slice(0, 300)}`);
	return problems;
}
