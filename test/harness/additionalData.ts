import { ExternalSecretsProxy } from 'n8n-core';
import type { ExecutionLifecycleHooks } from 'n8n-core';
import { UnexpectedError } from 'n8n-workflow';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

const instanceBaseUrl = 'http://localhost:5678';

function unavailable(feature: string) {
	return async (): Promise<never> => {
		throw new UnexpectedError(`${feature} is not available in the harness`);
	};
}

/** What the n8n host application hands the execution engine, with credentials kept in memory. */
export function createAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId: hooks?.executionId,
		externalSecretsProxy: new ExternalSecretsProxy(),
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${instanceBaseUrl}/rest`,
		instanceBaseUrl,
		formBaseUrl: `${instanceBaseUrl}/form`,
		formWaitingBaseUrl: `${instanceBaseUrl}/form-waiting`,
		formTestBaseUrl: `${instanceBaseUrl}/form-test`,
		webhookBaseUrl: `${instanceBaseUrl}/webhook`,
		webhookWaitingBaseUrl: `${instanceBaseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${instanceBaseUrl}/webhook-test`,
		mcpBaseUrl: `${instanceBaseUrl}/mcp`,
		mcpTestBaseUrl: `${instanceBaseUrl}/mcp-test`,
		logAiEvent: () => {},
		executeWorkflow: unavailable('Executing sub-workflows'),
		getRunExecutionData: unavailable('Loading other executions'),
		getRuntimeCredential: unavailable('Runtime credentials'),
		startRunnerTask: unavailable('The task runner'),
	};
}
