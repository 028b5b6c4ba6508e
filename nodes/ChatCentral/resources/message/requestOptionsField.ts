import type { INodeProperties } from 'n8n-workflow';

/**
 * The Batching the node starts with: n8n's routing prepares every item of a run (a few ms each
 * in n8n 2.x) without letting anything else run, unless it batches: then it pauses after each
 * batch, and the requests of the items prepared so far go out meanwhile. A pause after every
 * item keeps the pacer's timers and ChatCentral's answers from waiting behind more than one
 * item's preparation (a late answer makes the pacer think a request arrived later than it did).
 * It paces nothing: the node's pacer does (see pacing/).
 */
export const DEFAULT_BATCHING = { batch: { batchSize: 1, batchInterval: 1 } };

/**
 * The node's Settings → Request Options (batching, SSL, proxy, timeout), under the name n8n's
 * routing reads. n8n's loader adds these to declarative nodes by itself, but not to one with a
 * webhook (Send and Wait's), so the node declares them as the loader would, with Batching on
 * (DEFAULT_BATCHING) so that a big run's first message need not wait for n8n to prepare its last
 * item.
 */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	isNodeSetting: true,
	placeholder: 'Add Option',
	default: { batching: DEFAULT_BATCHING },
	options: [
		{
			displayName: 'Batching',
			name: 'batching',
			placeholder: 'Add Batching',
			type: 'fixedCollection',
			typeOptions: { multipleValues: false },
			default: { batch: {} },
			options: [
				{
					displayName: 'Batching',
					name: 'batch',
					values: [
						{
							displayName: 'Items per Batch',
							name: 'batchSize',
							type: 'number',
							typeOptions: { minValue: -1 },
							default: 50,
							description: 'Input will be split in batches to throttle requests. -1 for disabled. 0 will be treated as 1.',
						},
						{
							displayName: 'Batch Interval (Milliseconds)',
							name: 'batchInterval',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 1000,
							description: 'Time (in milliseconds) between each batch of requests. 0 for disabled.',
						},
					],
				},
			],
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			noDataExpression: true,
			default: false,
			description: 'Whether to connect even if SSL certificate validation is not possible',
		},
		{
			displayName: 'Proxy',
			name: 'proxy',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://myproxy:3128',
			description: 'HTTP proxy to use. If authentication is required it can be defined as follow: http://username:password@myproxy:3128.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10000,
			description: 'Time in ms to wait for the server to send response headers (and start the response body) before aborting the request',
		},
	],
};
