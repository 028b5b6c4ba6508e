import type { IDataObject, WorkflowExecuteMode } from 'n8n-workflow';

import { staticDataLoadedWhole, type StaticDataContext } from '../../nodes/ChatCentral/sendOnce/staticDataLoadedWhole';

const PROPERTY = 'sentOnceKeys';

interface Execution {
	mode: WorkflowExecuteMode;
	active: boolean;
	nodeStaticData?: IDataObject;
	/** n8n-core's additionalData.restartExecutionId: an execution resumed after it waited. */
	restartExecutionId?: string;
	/** n8n-core's runExecutionData.parentExecution.workflowId: a sub-workflow's parent. */
	parentWorkflowId?: string;
}

/** A node context as n8n-core builds it, with its public engine fields. */
function context({ mode, active, nodeStaticData = {}, restartExecutionId, parentWorkflowId }: Execution): StaticDataContext {
	return Object.assign(
		{
			getMode: () => mode,
			getWorkflow: () => ({ id: 'wf-1', active }),
			getWorkflowStaticData: () => nodeStaticData,
		},
		{
			additionalData: { restartExecutionId },
			runExecutionData: parentWorkflowId === undefined ? {} : { parentExecution: { workflowId: parentWorkflowId } },
		},
	);
}

describe('staticDataLoadedWhole', () => {
	it.each<[string, Execution]>([
		['a webhook execution of a published workflow on a main process', { mode: 'webhook', active: true }],
		['a trigger execution of a published workflow on a main process', { mode: 'trigger', active: true }],
		['a sub-workflow loaded from the database', { mode: 'integrated', active: true, parentWorkflowId: 'wf-parent' }],
		['any execution whose static data holds the node its keys', { mode: 'retry', active: false, nodeStaticData: { [PROPERTY]: {} } }],
		['a resumed one whose static data holds the node its keys', { mode: 'webhook', active: true, restartExecutionId: '9', nodeStaticData: { [PROPERTY]: { h: '1.2' } } }],
	])('loaded whole: %s', (_, execution) => {
		expect(staticDataLoadedWhole(context(execution), PROPERTY)).toBe(true);
	});

	it.each<[string, Execution]>([
		["an n8n 2.x queue worker's new execution (the snapshot: no static data, not active)", { mode: 'webhook', active: false }],
		["a retry (n8n's Retry sets active false)", { mode: 'retry', active: false }],
		['an execution resumed after a Wait (the snapshot, active true)', { mode: 'webhook', active: true, restartExecutionId: '9' }],
		["a sub-workflow from JSON, run under its parent's ID", { mode: 'integrated', active: true, parentWorkflowId: 'wf-1' }],
		['a sub-workflow whose parent n8n does not name', { mode: 'integrated', active: true }],
		['a manual execution (never saved)', { mode: 'manual', active: true }],
		['an error workflow', { mode: 'error', active: true }],
		['n8n execute', { mode: 'cli', active: true }],
		['a trigger execution of a workflow not known to be published', { mode: 'trigger', active: false }],
	])('not known to be loaded whole: %s', (_, execution) => {
		expect(staticDataLoadedWhole(context(execution), PROPERTY)).toBe(false);
	});
});
