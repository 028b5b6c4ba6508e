import type { IExecuteSingleFunctions } from 'n8n-workflow';

export type StaticDataContext = Pick<IExecuteSingleFunctions, 'getMode' | 'getWorkflow' | 'getWorkflowStaticData'>;

/**
 * What n8n-core's node contexts carry beside n8n-workflow's interfaces (public fields of its
 * classes): the execution's additional data and run data.
 */
interface EngineFields {
	additionalData?: { restartExecutionId?: string };
	runExecutionData?: { parentExecution?: { workflowId?: string } } | null;
}

/**
 * Whether n8n loaded this execution's static data whole from its database, so that the node may
 * write its keys there: n8n saves an execution's static data over the workflow's whole column
 * whenever a node changed it, and where it did not load it (n8n 2.x queue workers, a retry with
 * the original workflow, an execution resumed after a Wait, an inline sub-workflow) that copy
 * lacks what other nodes stored. `property` is where the node keeps its keys in its static data.
 *
 * Loaded whole: the node's own keys are there (n8n gives an execution static data only by loading
 * the workflow's from the database: neither 2.x nor 1.x stores any in an execution's workflow
 * snapshot), or the execution is a new production execution of a published workflow on a main
 * process (webhook, trigger: n8n loads the static data before it runs; a sub-workflow run from
 * the database). Queue workers take `active` from the execution's snapshot, which has none:
 * false there. (A 1.x worker does load it for a new webhook or trigger execution, but not for one
 * resumed after a Wait, and it gives the node nothing to tell the two apart.)
 */
export function staticDataLoadedWhole(context: StaticDataContext, property: string): boolean {
	const own = context.getWorkflowStaticData('node')[property];
	if (typeof own === 'object' && own !== null) return true;
	const workflow = context.getWorkflow();
	if (workflow.active !== true) return false;
	const engine = context as StaticDataContext & EngineFields;
	// Resumed after a Wait (its timer): n8n runs it on with the snapshot's static data ({}) and active true
	if (engine.additionalData?.restartExecutionId !== undefined) return false;
	const mode = context.getMode();
	if (mode === 'webhook' || mode === 'trigger') return true;
	// A sub-workflow from its JSON (not from the database) runs under its parent's ID, without the parent's static data
	const parentWorkflowId = engine.runExecutionData?.parentExecution?.workflowId;
	return mode === 'integrated' && parentWorkflowId !== undefined && parentWorkflowId !== workflow.id;
}
