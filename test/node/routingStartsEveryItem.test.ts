// checkedWithAllItems (On Error: Stop) holds every item's request until all items of the run
// have been checked. That relies on n8n's declarative routing starting every item's preSend
// without waiting for earlier items' requests to finish (all at once, or one batch per Batch
// Interval). This pins that behaviour of n8n-core: if an upgrade starts items in bounded
// batches that wait for each other, this test fails instead of users' workflows.
import { DirectoryLoader } from 'n8n-core';
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { runNode } from '../harness';
import { chatCentralApi } from './chatCentralRun';

const ITEMS = 30;
// Only reached if n8n stops starting every item: then the probe fails rather than hangs
const GUARD_MS = 20_000;

/** A declarative node whose preSend returns only once every item of the run has started its own. */
function probeNodeType(): INodeType {
	const started = new Set<number>();
	let markAllStarted = () => {};
	const allStarted = new Promise<void>((resolve) => (markAllStarted = resolve));

	async function waitForEveryItem(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		started.add(this.getItemIndex());
		if (started.size === ITEMS) markAllStarted();
		let guard: NodeJS.Timeout | undefined;
		const timedOut = new Promise<never>((_, reject) => {
			guard = setTimeout(
				() => reject(new Error(`item ${this.getItemIndex() + 1} waited in vain: ${started.size} of ${ITEMS} items started`)),
				GUARD_MS,
			);
		});
		try {
			await Promise.race([allStarted, timedOut]);
		} finally {
			clearTimeout(guard);
		}
		return requestOptions;
	}

	const probe: INodeType = {
		description: {
			displayName: 'Probe',
			name: 'probe',
			group: ['output'],
			version: 1,
			description: 'Waits in preSend for every item of the run',
			defaults: { name: 'Probe' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'chatCentralApi', required: true }],
			requestDefaults: { baseURL: '={{ $credentials.baseUrl }}' },
			// No request: the item's output is its index
			requestOperations: {
				pagination: async function (this: IExecutePaginationFunctions) {
					return [{ json: { item: this.getItemIndex() } }];
				},
			},
			properties: [
				{
					displayName: 'Probe',
					name: 'probe',
					type: 'string',
					default: '',
					routing: { send: { preSend: [waitForEveryItem], paginate: true } },
				},
			],
		},
	};
	DirectoryLoader.applyDeclarativeNodeOptionParameters(probe);
	return probe;
}

async function runProbe(requestOptions: INodeParameters) {
	return await runNode({
		nodeType: probeNodeType(),
		credentialType: chatCentralApi,
		credentials: { token: 'probe-token', baseUrl: 'http://127.0.0.1:9/api' },
		parameters: { probe: 'x', requestOptions },
		items: Array.from({ length: ITEMS }, (_, index) => ({ index })),
	});
}

const everyItem = Array.from({ length: ITEMS }, (_, item) => item);

describe("n8n-core's routing starts every item's preSend before any item's request is made", () => {
	it('all items at once', async () => {
		const { error, output } = await runProbe({});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.item)).toEqual(everyItem);
	});

	it('with Batching: one batch per Batch Interval, none waiting for the one before', async () => {
		const { error, output } = await runProbe({ batching: { batch: { batchSize: 4, batchInterval: 10 } } });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.item)).toEqual(everyItem);
	});
});
