// examples/ai-agent-chatcentral-tool.json as the e2e test and the version-range script run it:
// the example leaves the model credential for the user to pick; their copy gets the model
// stand-in's (dev/modelStandIn).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { OPENAI_STAND_IN_CREDENTIAL } from '../../dev/modelStandIn/openAiCredential';
import { EXAMPLES_DIR } from './realN8n';

export const AI_AGENT_EXAMPLE = { file: 'ai-agent-chatcentral-tool.json', webhookPath: 'chatcentral-ai-agent', agentType: '@n8n/n8n-nodes-langchain.agent' };

/** Writes the example into `folder` with its OpenAI Chat Model on the stand-in's credential; returns the copy's path. */
export function aiAgentExampleWithStandIn(folder: string): string {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, AI_AGENT_EXAMPLE.file), 'utf8')) as {
		nodes: Array<{ name: string; credentials?: Record<string, unknown> }>;
	};
	const model = workflow.nodes.find(({ name }) => name === 'OpenAI Chat Model');
	if (model === undefined) throw new Error(`${AI_AGENT_EXAMPLE.file} has no OpenAI Chat Model node`);
	model.credentials = { openAiApi: OPENAI_STAND_IN_CREDENTIAL };
	const copy = join(folder, AI_AGENT_EXAMPLE.file);
	writeFileSync(copy, JSON.stringify(workflow));
	return copy;
}

/** The typeVersion of the example's AI Agent node (the release must have it). */
export function aiAgentExampleTypeVersion(): number {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, AI_AGENT_EXAMPLE.file), 'utf8')) as { nodes: Array<{ type: string; typeVersion: number }> };
	const agent = workflow.nodes.find(({ type }) => type === AI_AGENT_EXAMPLE.agentType);
	if (agent === undefined) throw new Error(`${AI_AGENT_EXAMPLE.file} has no AI Agent node`);
	return agent.typeVersion;
}
