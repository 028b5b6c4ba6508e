import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runChatCentral, standardCredentials } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

// Item 2 fails its field checks (no request), item 3 is refused by the API (403).
const mixedItems = [
	{ contactId: 'c-1', text: 'first' },
	{ contactId: 'c-2', text: '   ' },
	{ contactId: 'unknown-3', text: 'third' },
	{ contactId: 'c-4', text: 'fourth' },
];
const sendMappedText = { operation: 'sendText', contactId: '={{ $json.contactId }}', text: '={{ $json.text }}' };

function expectGoodOnesDeliveredOnce() {
	const accepted = sandbox.accepted();
	expect(accepted.map((m) => [m.contactId, m.payload.body[0]])).toEqual(
		expect.arrayContaining([
			['c-1', { type: 'text', text: 'first' }],
			['c-4', { type: 'text', text: 'fourth' }],
		]),
	);
	expect(accepted).toHaveLength(2);
	expect(sandbox.requests().map((r) => r.status).sort()).toEqual([200, 200, 403]);
}

describe('a mix of good and bad items', () => {
	it('On Error: Continue (regular output): one output item per input item, errors on the bad ones', async () => {
		const result = await runChatCentral(sendMappedText, mixedItems, {
			credentials: standardCredentials(sandbox),
			onError: 'continueRegularOutput',
		});

		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		const [first, second, third, fourth] = result.output;
		expect(first.json).toMatchObject({ contactId: 'c-1', status: 'Success' });
		expect(second.error?.message).toBe('Text of item 2: is empty');
		expect(second.json).toEqual({ error: 'Text of item 2: is empty' });
		expect(third.error?.message).toBe('Contact not found');
		expect(third.json).toEqual({ error: 'Contact not found' });
		expect(fourth.json).toMatchObject({ contactId: 'c-4', status: 'Success' });
		expectGoodOnesDeliveredOnce();
	});

	it('On Error: Continue (using error output): good items on the first output, bad ones on the error output', async () => {
		const result = await runChatCentral(sendMappedText, mixedItems, {
			credentials: standardCredentials(sandbox),
			onError: 'continueErrorOutput',
		});

		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => [item.json.contactId, item.pairedItem])).toEqual([
			['c-1', { item: 0 }],
			['c-4', { item: 3 }],
		]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(result.errorOutput.map((item) => item.error?.message)).toEqual(['Text of item 2: is empty', 'Contact not found']);
		expect(result.errorOutput.map((item) => item.json)).toEqual([
			{ error: 'Text of item 2: is empty' },
			{ error: 'Contact not found' },
		]);
		expectGoodOnesDeliveredOnce();
	});

	it('On Error: Stop Workflow with an API refusal: the run fails, and no message is sent twice', async () => {
		const items = [mixedItems[0], mixedItems[2], mixedItems[3]];
		const result = await runChatCentral(sendMappedText, items, { credentials: standardCredentials(sandbox) });

		expect(result.error?.message).toBe('Contact not found');
		expectGoodOnesDeliveredOnce();
	});
});

describe('an expression that cannot be resolved for one item', () => {
	const unresolvableForItem2 = {
		operation: 'sendText',
		contactId: '={{ $json.contactId }}',
		text: "={{ $json.fromCrm ? $('CRM').item.json.text : 'Hello' }}",
	};
	const itemsOneFromCrm = [{ contactId: 'c-1' }, { contactId: 'c-2', fromCrm: true }];

	it("fails that item with n8n's own expression message, before any request for it", async () => {
		const result = await runChatCentral(unresolvableForItem2, itemsOneFromCrm, {
			credentials: standardCredentials(sandbox),
			onError: 'continueRegularOutput',
		});

		expect(result.output[0].json).toMatchObject({ contactId: 'c-1', status: 'Success' });
		expect(result.output[1].error?.message).toBe("Referenced node doesn't exist");
		expect(result.output[1].pairedItem).toEqual({ item: 1 });
		expect(sandbox.accepted().map((m) => m.contactId)).toEqual(['c-1']);
		expect(sandbox.requests()).toHaveLength(1);
	});

	it('On Error: Stop: the node fails with that message and nothing is sent', async () => {
		const result = await runChatCentral(unresolvableForItem2, itemsOneFromCrm, {
			credentials: standardCredentials(sandbox),
		});

		expect(result.error?.message).toBe("Referenced node doesn't exist");
		expect(result.output).toEqual([]);
		// n8n gave up on the run at item 2: item 1, still waiting for it, is never sent
		expect(sandbox.requests()).toEqual([]);
	});
});
