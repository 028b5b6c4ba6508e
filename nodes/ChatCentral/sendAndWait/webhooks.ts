import type { IWebhookDescription } from 'n8n-workflow';

// n8n resumes a waiting execution through /webhook-waiting/{executionId}/{nodeId}: the links of a
// Send and Wait message. GET opens a link; POST submits the free-text form.
const waitingWebhook = (httpMethod: 'GET' | 'POST'): IWebhookDescription => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
});

export const sendAndWaitWebhooks: IWebhookDescription[] = [waitingWebhook('GET'), waitingWebhook('POST')];
