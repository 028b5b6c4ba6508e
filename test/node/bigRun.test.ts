// A big run under On Error: Stop: the run's first item checks every item before its own request
// (checkedWithAllItems), and the node's default Request Options → Batching lets n8n's routing
// pause between batches, so requests can leave while n8n still prepares the later items. These
// tests pin the behaviour (nothing sent while any item is invalid, n8n's routing pausing with the
// node's defaults), not its speed: that is `npm run bench`'s (docs/sending-at-scale.md).
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { chatCentral, runChatCentral, standardCredentials } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const ITEMS = 40;
const contacts = (count: number) => Array.from({ length: count }, (_, index) => ({ contactId: `c-${index + 1}`, text: `Hi ${index + 1}` }));
const mapped = { operation: 'sendText', contactId: '={{ $json.contactId }}', text: '={{ $json.text }}' };

/**
 * The node with its Send Text preSend and its request operation (sendMessage) wrapped: for each
 * item, how many items' sends had started by the time n8n's routing started preparing that item.
 */
function nodeNotingSendsStarted(): { nodeType: INodeType; sendsStartedBeforeItem: number[] } {
	const sendsStartedBeforeItem: number[] = [];
	let sendsStarted = 0;
	const properties = chatCentral.description.properties.map((property): INodeProperties => {
		if (property.name !== 'operation') return property;
		return {
			...property,
			options: (property.options as Array<{ value: string; routing?: { send?: { preSend?: unknown[] } } }>).map((option) => {
				if (option.value !== 'sendText') return option;
				const preSend = option.routing?.send?.preSend?.[0] as (
					this: IExecuteSingleFunctions,
					options: IHttpRequestOptions,
				) => Promise<IHttpRequestOptions>;
				async function noting(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
					sendsStartedBeforeItem[this.getItemIndex()] = sendsStarted;
					return await preSend.call(this, requestOptions);
				}
				return { ...option, routing: { ...option.routing, send: { ...option.routing?.send, preSend: [noting] } } };
			}),
		} as INodeProperties;
	});
	const pagination = chatCentral.description.requestOperations?.pagination as (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	) => Promise<INodeExecutionData[]>;
	async function notingSend(this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions) {
		sendsStarted += 1;
		return await pagination.call(this, requestData);
	}
	const nodeType = Object.assign(Object.create(chatCentral) as INodeType, {
		description: { ...chatCentral.description, properties, requestOperations: { pagination: notingSend } },
	});
	return { nodeType, sendsStartedBeforeItem };
}

describe('a big run, On Error: Stop', () => {
	it("with the defaults, sends start while n8n still prepares the run's later items", async () => {
		const { nodeType, sendsStartedBeforeItem } = nodeNotingSendsStarted();
		const result = await runChatCentral(mapped, contacts(ITEMS), { credentials: standardCredentials(sandbox), nodeType });

		expect(result.error).toBeUndefined();
		expect(sendsStartedBeforeItem[0]).toBe(0);
		expect(sendsStartedBeforeItem[ITEMS - 1]).toBeGreaterThan(0);
		expect(sandbox.accepted().map((message) => message.contactId)).toEqual(contacts(ITEMS).map(({ contactId }) => contactId));
	});

	it('Request Options set without Batching: n8n prepares every item before any request, and all are sent', async () => {
		const { nodeType, sendsStartedBeforeItem } = nodeNotingSendsStarted();
		const result = await runChatCentral({ ...mapped, requestOptions: { timeout: 10_000 } }, contacts(ITEMS), {
			credentials: standardCredentials(sandbox),
			nodeType,
		});

		expect(result.error).toBeUndefined();
		expect(sendsStartedBeforeItem).toEqual(Array.from({ length: ITEMS }, () => 0));
		expect(sandbox.accepted()).toHaveLength(ITEMS);
	});

	it('an invalid last item: nothing is sent, though n8n prepared the first batches long before it', async () => {
		const items = [...contacts(ITEMS - 1), { contactId: '', text: 'Hi' }];
		const result = await runChatCentral(mapped, items, { credentials: standardCredentials(sandbox) });

		expect(result.error).toMatchObject({ message: `Contact ID of item ${ITEMS}: is empty`, context: { itemIndex: ITEMS - 1 } });
		expect(sandbox.requests()).toEqual([]);
	});

	it("an expression n8n cannot resolve for a late item: nothing is sent, and the run fails with n8n's error on that item", async () => {
		const items = [...contacts(ITEMS - 1), { text: 'Hi' }];
		// Only the last item has no contact ID and reads another node's, which does not exist
		const result = await runChatCentral({ ...mapped, contactId: '={{ $json.contactId ?? $("No Such Node").item.json.id }}' }, items, {
			credentials: standardCredentials(sandbox),
		});

		expect(result.error?.message).toBe("Referenced node doesn't exist");
		expect(sandbox.requests()).toEqual([]);
	});

	// n8n takes the items' outcomes only once it has prepared the last item: the failure waits for it
	it("a message refused while n8n still prepares later batches: the node fails with that item's error", async () => {
		sandbox.injectAnswer({ status: 405, message: '405 Method Not Allowed.' });
		// Batches far apart: the first item's answer comes back while n8n waits to prepare the next batch
		const batching = { batch: { batchSize: 10, batchInterval: 300 } };
		const result = await runChatCentral({ ...mapped, requestOptions: { batching } }, contacts(ITEMS), {
			credentials: standardCredentials(sandbox),
		});

		expect(result.error).toMatchObject({ context: { itemIndex: 0 } });
		expect(result.error?.message).toMatch(/405/);
		expect(sandbox.requests().length).toBeGreaterThan(0);
	});

	it('every item is sent with its own values, the contact ID as mapped for it', async () => {
		const result = await runChatCentral(mapped, contacts(ITEMS), { credentials: standardCredentials(sandbox) });

		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.contactId)).toEqual(contacts(ITEMS).map(({ contactId }) => contactId));
		expect(sandbox.accepted().map((message) => [message.contactId, message.payload.body[0]])).toEqual(
			contacts(ITEMS).map(({ contactId, text }) => [contactId, { type: 'text', text }]),
		);
	});
});
