import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { runsAsAiTool } from './runsAsAiTool';

/**
 * Whether a failed item becomes that item's output (`{ error }`) instead of stopping the node:
 * its Settings → On Error is a Continue, or it runs as an AI Agent's tool and On Error is not
 * set to Stop Workflow. The second is what n8n 2.x does itself for every tool, so that the
 * model reads the refusal and can call again; n8n 1.x would otherwise stop the whole
 * execution at the first refused call.
 */
export function continuesOnFail(context: IExecuteSingleFunctions): boolean {
	return context.continueOnFail() || (runsAsAiTool(context) && context.getNode().onError !== 'stopWorkflow');
}
