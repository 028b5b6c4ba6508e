import type { IRun, IRunExecutionData } from 'n8n-workflow';

import { executeWorkflow } from './executeWorkflow';
import { harnessWorkflow, nodeRunResult, type NodeRunResult, type RunNodeOptions } from './runNode';

/**
 * The execution data n8n's Retry starts from (its execution service): a copy of the failed
 * execution's, as saved in its database, without the error and the failed node's last run.
 */
export function retryData(failed: IRun): IRunExecutionData {
	const data = JSON.parse(JSON.stringify(failed.data)) as IRunExecutionData;
	const { lastNodeExecuted } = data.resultData;
	delete data.resultData.error;
	const runs = lastNodeExecuted === undefined ? undefined : data.resultData.runData[lastNodeExecuted];
	if (runs !== undefined && runs.length > 0 && runs[runs.length - 1].error !== undefined) runs.pop();
	return data;
}

/** Runs `failed` again as n8n's Retry does (mode 'retry', the workflow not active), with the workflow `options` describe. */
export async function retryExecution(failed: IRun, options: RunNodeOptions): Promise<NodeRunResult> {
	const { workflow, nodeName } = harnessWorkflow({ ...options, active: false });
	const run = await executeWorkflow(
		workflow,
		{ runExecutionData: retryData(failed) },
		options.credentialType,
		options.credentials,
		`${options.executionId ?? 'harness-execution'}-retry`,
		'retry',
	);
	return nodeRunResult(run, workflow, nodeName, options);
}
