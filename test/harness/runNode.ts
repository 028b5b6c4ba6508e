import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeTypeDescription,
	IRun,
	IRunExecutionData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { executeWorkflow } from './executeWorkflow';
import { InMemoryNodeTypes } from './inMemoryNodeTypes';
import { INPUT_ITEMS_NODE_TYPE, createInputItemsNodeType } from './inputItemsNodeType';
import type { NodeUnderTest } from './nodeUnderTest';

export interface RunNodeOptions extends NodeUnderTest {
	/** The node's parameters; may hold expressions such as '={{ $json.contact }}'. */
	parameters: INodeParameters;
	/** The json of the items an upstream node in the same workflow hands the node. */
	items: IDataObject[];
	/** Node setting "On Error: Continue (regular output)". */
	continueOnFail?: boolean;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** Node setting "Execute Once": only the first input item runs. */
	executeOnce?: boolean;
	/** Node setting "Retry On Fail": n8n runs the whole node again after it fails. */
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
	/** How n8n runs the execution; default 'manual' (as from the editor). */
	mode?: WorkflowExecuteMode;
	/** Default 'harness-workflow'. */
	workflowId?: string;
	/** Default 'harness-execution'. */
	executionId?: string;
	/** The workflow's static data as n8n loads it from its database (it keeps the object's changes). */
	staticData?: IDataObject;
	/** The workflow's `active` as n8n gives it to the execution (published, and known to be); default false. */
	active?: boolean;
	/** An execution n8n resumes after it waited (additional data's restartExecutionId); default a new one. */
	resumed?: boolean;
	/** A sub-workflow execution (mode 'integrated'): the calling workflow's ID, as n8n records its parent execution. */
	parentWorkflowId?: string;
}

export interface NodeRunResult {
	run: IRun;
	/**
	 * The node's main output 0; empty if it produced none. An item that failed under
	 * continueOnFail is `{ json: { error: message }, error: <NodeApiError | NodeOperationError> }`.
	 */
	output: INodeExecutionData[];
	/** The node's error output (main output 1) when onError is continueErrorOutput, else empty. */
	errorOutput: INodeExecutionData[];
	/**
	 * The workflow-level error, set when the node failed and stopped the run. The engine keeps
	 * a plain-object copy of the thrown error: match its name, message, httpCode and context,
	 * not its class.
	 */
	error: Error | undefined;
	/** Whether n8n saves the workflow's static data after this execution (a node changed it), over what the workflow had. */
	staticDataSaved: boolean;
}

const INPUT_ITEMS_NODE_NAME = 'Input Items';
const WORKFLOW_ID = 'harness-workflow';
const WORKFLOW_NAME = 'Harness workflow';
const EXECUTION_ID = 'harness-execution';

function defaultTypeVersion({ version, defaultVersion }: INodeTypeDescription): number {
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}

/** The workflow of the node under test, fed by an upstream node, and where its run starts. */
export function harnessWorkflow(options: RunNodeOptions): { workflow: Workflow; startNode: INode; nodeName: string } {
	const { nodeType, credentialType, parameters, items } = options;
	const { description } = nodeType;
	const nodeName = description.defaults.name ?? description.displayName;

	const inputItemsNode: INode = {
		id: 'input-items',
		name: INPUT_ITEMS_NODE_NAME,
		type: INPUT_ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest: INode = {
		id: 'node-under-test',
		name: nodeName,
		type: description.name,
		typeVersion: defaultTypeVersion(description),
		position: [200, 0],
		parameters,
		credentials: {
			[credentialType.name]: { id: 'harness-credential', name: credentialType.displayName },
		},
		continueOnFail: options.continueOnFail,
		onError: options.onError,
		executeOnce: options.executeOnce,
		retryOnFail: options.retryOnFail !== undefined,
		maxTries: options.retryOnFail?.maxTries,
		waitBetweenTries: options.retryOnFail?.waitBetweenTries,
	};
	const connections: IConnections = {
		[INPUT_ITEMS_NODE_NAME]: {
			[NodeConnectionTypes.Main]: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]],
		},
	};

	const workflow = new Workflow({
		id: options.workflowId ?? WORKFLOW_ID,
		name: WORKFLOW_NAME,
		nodes: [inputItemsNode, nodeUnderTest],
		connections,
		active: options.active ?? false,
		nodeTypes: new InMemoryNodeTypes([createInputItemsNodeType(items), nodeType]),
		settings: { executionOrder: 'v1' },
		staticData: options.staticData,
	});
	return { workflow, startNode: inputItemsNode, nodeName };
}

/** What the node under test did in `run`: its outputs and the execution's error. */
export function nodeRunResult(run: IRun, workflow: Workflow, nodeName: string, options: Pick<RunNodeOptions, 'onError'>): NodeRunResult {
	const nodeOutputs =
		run.data.resultData.runData[nodeName]?.[0]?.data?.[NodeConnectionTypes.Main];
	return {
		run,
		output: nodeOutputs?.[0] ?? [],
		errorOutput: options.onError === 'continueErrorOutput' ? (nodeOutputs?.[1] ?? []) : [],
		error: run.data.resultData.error,
		// What WorkflowExecute goes by to hand the static data to n8n's save hook
		staticDataSaved: workflow.staticData.__dataChanged === true,
	};
}

/** Where a sub-workflow execution starts, as n8n's executeWorkflow builds it (getRunData): its parent named. */
function subWorkflowStart(startNode: INode, parentWorkflowId: string): IRunExecutionData {
	return createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }] },
		parentExecution: { executionId: 'parent-execution', workflowId: parentWorkflowId },
	});
}

/** Runs the node under test, fed by an upstream node, through n8n-core's WorkflowExecute. */
export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	const { workflow, startNode, nodeName } = harnessWorkflow(options);
	const { credentialType, credentials, mode = 'manual', executionId = EXECUTION_ID } = options;
	const from =
		options.parentWorkflowId === undefined ? { startNode } : { runExecutionData: subWorkflowStart(startNode, options.parentWorkflowId) };
	const run = await executeWorkflow(workflow, from, credentialType, credentials, executionId, mode, options.resumed === true);
	return nodeRunResult(run, workflow, nodeName, options);
}
