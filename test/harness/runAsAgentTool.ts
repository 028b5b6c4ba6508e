import { NodeConnectionTypes, Workflow } from 'n8n-workflow';
import type {
	EngineRequest,
	EngineResponse,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
} from 'n8n-workflow';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import type { StructuredToolInterface } from '@langchain/core/tools';

import { executeWorkflow } from './executeWorkflow';
import { InMemoryNodeTypes } from './inMemoryNodeTypes';
import { INPUT_ITEMS_NODE_TYPE, createInputItemsNodeType } from './inputItemsNodeType';
import type { NodeUnderTest } from './nodeUnderTest';

export interface AgentToolRunOptions extends NodeUnderTest {
	/** The tool node's parameters, with the `$fromAI` placeholders the model fills. */
	parameters: INodeParameters;
	/**
	 * The model's tool calls: the arguments of each call, one list per answer. The agent hands
	 * each answer's calls to the engine together and the next answer waits for their results.
	 */
	answers: IDataObject[][];
	/** The tool node's Settings → On Error; unset by default, as in a new node. */
	onError?: INode['onError'];
}

/** The tool as the agent offers it to the model. */
export interface OfferedTool {
	name: string;
	description: string;
	/** The arguments' JSON schema as a chat model receives it. */
	parameters: unknown;
}

export interface AgentToolRun {
	run: IRun;
	tool: OfferedTool;
	/** What each tool call gave back to the model, in the order of the calls: the tool message's content. */
	toolResults: string[];
}

const AGENT_NODE_NAME = 'Agent';
const AGENT_NODE_TYPE = 'harness.agent';
const INPUT_ITEMS_NODE_NAME = 'Input Items';
const WORKFLOW_ID = 'harness-agent-workflow';

/**
 * The node type as n8n's CLI makes its AI tool twin for a `usableAsTool` node: the name plus
 * "Tool", no main input, the ai_tool output (n8n's convertNodeToAiTool adds a Description
 * field too, unless the node has its own toolDescription, as ChatCentral does).
 */
export function asAiToolNodeType(nodeType: INodeType): INodeType {
	const { description } = nodeType;
	return Object.create(nodeType, {
		description: {
			value: {
				...description,
				name: `${description.name}Tool`,
				displayName: `${description.displayName} Tool`,
				inputs: [],
				outputs: [NodeConnectionTypes.AiTool],
			},
		},
	}) as INodeType;
}

/**
 * What an AI Agent (n8n 2.x, AI Agent 3) gives its model as a tool call's result: the tool
 * node's ai_tool output as JSON, or its error's message.
 */
function toolResult(data: EngineResponse['actionResponses'][number]['data']): string {
	const output = data.data?.[NodeConnectionTypes.AiTool]?.[0]?.map((item) => item.json);
	if (output !== undefined && output.length > 0) return JSON.stringify(output);
	return JSON.stringify({ error: data.error?.message ?? 'Unknown error' });
}

/**
 * An agent node that plays a scripted model: it takes the connected tool from n8n-core as an
 * agent does (getInputConnectionData: n8n-core's createNodeAsTool, with its schema from the
 * `$fromAI` placeholders and its description), then asks the engine to run the tool node for
 * each scripted call, as AI Agent 3 does in n8n 2.x.
 */
function scriptedAgentNodeType(toolNodeName: string, answers: IDataObject[][], offered: OfferedTool[], results: string[]): INodeType {
	return {
		description: {
			displayName: 'Scripted Agent',
			name: AGENT_NODE_TYPE,
			group: ['transform'],
			version: 1,
			description: 'Calls its tool as a scripted model would',
			defaults: { name: AGENT_NODE_NAME },
			inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions, response?: EngineResponse<{ answer?: number }>) {
			// n8n-core hands every run an engine response; only a resumed one carries our metadata
			const previous = response?.metadata?.answer;
			if (previous === undefined) {
				const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as StructuredToolInterface[];
				for (const tool of tools) {
					offered.push({ name: tool.name, description: tool.description, parameters: toJsonSchema(tool.schema) });
				}
			}
			for (const { data } of response?.actionResponses ?? []) results.push(toolResult(data));
			const answer = previous === undefined ? 0 : previous + 1;
			if (answer < answers.length) {
				const request: EngineRequest<{ answer: number; itemIndex: number }> = {
					actions: answers[answer].map((input, call) => ({
						actionType: 'ExecutionNodeAction',
						nodeName: toolNodeName,
						input,
						type: NodeConnectionTypes.AiTool,
						id: `call_${answer}_${call}`,
						metadata: { answer, itemIndex: 0 },
					})),
					metadata: { answer, itemIndex: 0 },
				};
				return request as unknown as INodeExecutionData[][];
			}
			return [[{ json: { toolResults: results } }]];
		},
	};
}

/** Runs the node as an AI Agent's tool through n8n-core's WorkflowExecute, the model scripted. */
export async function runAsAgentTool(options: AgentToolRunOptions): Promise<AgentToolRun> {
	const { credentialType, credentials, parameters, answers } = options;
	const toolType = asAiToolNodeType(options.nodeType);
	const toolNodeName = options.nodeType.description.defaults.name ?? options.nodeType.description.displayName;
	const offered: OfferedTool[] = [];
	const results: string[] = [];

	const nodes: INode[] = [
		{ id: 'input-items', name: INPUT_ITEMS_NODE_NAME, type: INPUT_ITEMS_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'agent', name: AGENT_NODE_NAME, type: AGENT_NODE_TYPE, typeVersion: 1, position: [200, 0], parameters: {} },
		{
			id: 'tool',
			name: toolNodeName,
			type: toolType.description.name,
			typeVersion: 1,
			position: [200, 200],
			parameters,
			credentials: { [credentialType.name]: { id: 'harness-credential', name: credentialType.displayName } },
			onError: options.onError,
		},
	];
	const connections: IConnections = {
		[INPUT_ITEMS_NODE_NAME]: { [NodeConnectionTypes.Main]: [[{ node: AGENT_NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] },
		[toolNodeName]: { [NodeConnectionTypes.AiTool]: [[{ node: AGENT_NODE_NAME, type: NodeConnectionTypes.AiTool, index: 0 }]] },
	};
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Harness agent workflow',
		nodes,
		connections,
		active: false,
		nodeTypes: new InMemoryNodeTypes([
			createInputItemsNodeType([{ chatInput: 'Hello' }]),
			scriptedAgentNodeType(toolNodeName, answers, offered, results),
			toolType,
		]),
		settings: { executionOrder: 'v1' },
	});
	const run = await executeWorkflow(workflow, { startNode: nodes[0] }, credentialType, credentials, 'harness-agent-execution');
	if (offered.length !== 1) throw new Error(`the agent was offered ${offered.length} tools, not 1`);
	return { run, tool: offered[0], toolResults: results };
}
