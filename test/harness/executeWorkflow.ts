import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { InMemoryCredentialsHelper } from './inMemoryCredentialsHelper';

/**
 * Runs a harness workflow through n8n-core's WorkflowExecute, one credential in memory: from
 * `startNode`, or on from the execution data of an earlier execution (how n8n runs a retry);
 * `resumed` as n8n runs an execution on after it waited.
 */
export async function executeWorkflow(
	workflow: Workflow,
	from: { startNode: INode } | { runExecutionData: IRunExecutionData },
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	executionId: string,
	mode: WorkflowExecuteMode = 'manual',
	resumed = false,
): Promise<IRun> {
	const workflowData: IWorkflowBase = {
		id: workflow.id,
		name: workflow.name ?? '',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		settings: workflow.settings,
	};
	const additionalData = createAdditionalData(
		new InMemoryCredentialsHelper(credentialType, credentials),
		new ExecutionLifecycleHooks(mode, executionId, workflowData),
	);
	if (resumed) additionalData.restartExecutionId = executionId;
	if ('startNode' in from) return await new WorkflowExecute(additionalData, mode).run({ workflow, startNode: from.startNode });
	return await new WorkflowExecute(additionalData, mode, from.runExecutionData).processRunExecutionData(workflow);
}
