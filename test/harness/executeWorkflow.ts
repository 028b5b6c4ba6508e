import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialType, INode, IRun, IWorkflowBase, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { InMemoryCredentialsHelper } from './inMemoryCredentialsHelper';

/** Runs a harness workflow through n8n-core's WorkflowExecute from `startNode`, one credential in memory. */
export async function executeWorkflow(
	workflow: Workflow,
	startNode: INode,
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	executionId: string,
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
		new ExecutionLifecycleHooks('manual', executionId, workflowData),
	);
	return await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode });
}
