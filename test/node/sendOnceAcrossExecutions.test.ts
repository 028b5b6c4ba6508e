import { DirectoryLoader } from 'n8n-core';
import type { IDataObject, INodeType } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { retryChatCentral, runChatCentral, standardCredentials, type SendOptions } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const mappedText = { operation: 'sendText', contactId: '={{ $json.contactId }}', text: '={{ $json.text }}' };
const withKey = (key = '={{ $json.eventId }}-{{ $json.contactId }}', more: IDataObject = {}) => ({
	...mappedText,
	options: { sendOnceKey: key, ...more },
});
const contacts = (count: number, eventId = 'evt-1') =>
	Array.from({ length: count }, (_, i) => ({ contactId: `c-${i + 1}`, text: `hello ${i + 1}`, eventId }));

function acceptedPerContact(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const { contactId } of sandbox.accepted()) counts[contactId] = (counts[contactId] ?? 0) + 1;
	return counts;
}

let workflowNumber = 0;
/**
 * A workflow of its own per test (the node's memory of keys is per workflow node in the
 * process), published: its webhook executions on a main process load its static data whole.
 */
function newWorkflow(): Required<Pick<SendOptions, 'workflowId' | 'staticData' | 'active'>> {
	workflowNumber += 1;
	return { workflowId: `send-once-${workflowNumber}`, staticData: {}, active: true };
}

/** What other nodes keep in a workflow's static data: a polling trigger's cursor, a webhook's registration. */
const othersData = (): IDataObject => ({ global: { crmCursor: '2026-12-01T00:00:00Z' }, 'node:Webhook': { registered: 'hook-123' } });

/** The static data as n8n saves it in its database and loads it for the next execution. */
const savedAndLoaded = (staticData: IDataObject | undefined): IDataObject => JSON.parse(JSON.stringify(staticData)) as IDataObject;

describe("n8n's Retry of a failed execution", () => {
	it('sends what the failed try did not, and nothing it had sent, both with the copied execution data', async () => {
		const items = contacts(30);
		const options: SendOptions = { credentials: standardCredentials(sandbox), mode: 'webhook', executionId: 'original-1', ...newWorkflow() };
		sandbox.injectAnswer({ status: 500, message: 'Internal error' }, 1);

		const failed = await runChatCentral(mappedText, items, options);
		expect(failed.error?.message).toBe('Internal error');
		expect(sandbox.accepted()).toHaveLength(29);
		const notSent = items.find(({ contactId }) => acceptedPerContact()[contactId] === undefined);

		const retried = await retryChatCentral(failed, mappedText, items, options);

		expect(retried.error).toBeUndefined();
		expect(sandbox.accepted()).toHaveLength(30);
		expect(Object.values(acceptedPerContact())).toEqual(Array(30).fill(1));
		expect(retried.output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		const skipped = retried.output.filter((item) => item.json.alreadySent === true);
		expect(skipped).toHaveLength(29);
		expect(skipped[0].json).toMatchObject({
			status: 'Skipped',
			alreadySent: true,
			sentByExecution: 'original-1',
			messageType: 'text',
			message: expect.stringContaining("n8n's Retry did not send it again") as string,
		});
		const sentNow = retried.output.find((item) => item.json.contactId === notSent?.contactId);
		expect(sentNow?.json).toMatchObject({ status: 'Success', message: 'Message Sent' });
		expect(sentNow?.json.alreadySent).toBeUndefined();
	});

	it('a retry of the retry sends nothing again either', async () => {
		const items = contacts(6);
		const options: SendOptions = { credentials: standardCredentials(sandbox), mode: 'webhook', ...newWorkflow() };
		sandbox.injectAnswer({ status: 500, message: 'Internal error' }, 1);
		const failed = await runChatCentral(mappedText, items, options);
		sandbox.injectAnswer({ status: 502, message: 'Bad gateway' }, 1);
		const failedAgain = await retryChatCentral(failed, mappedText, items, options);
		expect(failedAgain.error?.message).toBe('Bad gateway');

		const retried = await retryChatCentral(failedAgain, mappedText, items, options);

		expect(retried.error).toBeUndefined();
		expect(Object.values(acceptedPerContact())).toEqual(Array(6).fill(1));
	});

	it('keeps a message that may have been delivered out of the retry', async () => {
		const items = contacts(3);
		const options: SendOptions = { credentials: standardCredentials(sandbox), mode: 'webhook', ...newWorkflow() };
		sandbox.injectFault({ kind: 'dropAfterBody' }, 1);
		const failed = await runChatCentral(mappedText, items, options);
		expect(failed.error?.message).toMatch(/may have been delivered/);
		expect(sandbox.accepted()).toHaveLength(3);

		const retried = await retryChatCentral(failed, mappedText, items, options);

		expect(retried.error).toBeUndefined();
		expect(sandbox.accepted()).toHaveLength(3);
		expect(retried.output.filter((item) => item.json.alreadySent === true)).toHaveLength(3);
	});

	it('records items in the execution custom data as a bitmap, without contact IDs, texts or the token', async () => {
		const items = contacts(12);
		const failedOptions: SendOptions = { credentials: standardCredentials(sandbox), mode: 'webhook', ...newWorkflow() };
		sandbox.injectAnswer({ status: 500, message: 'Internal error' }, 1);
		const failed = await runChatCentral(mappedText, items, failedOptions);

		const customData = failed.run.data.resultData.metadata ?? {};
		expect(Object.keys(customData)).toEqual([expect.stringMatching(/^chatCentralSent_[0-9a-f]{8}_0_0$/)]);
		const recorded = JSON.stringify(customData);
		for (const secret of [sandbox.token, 'c-1', 'hello']) expect(recorded).not.toContain(secret);
	});
});

describe('Send Once Key', () => {
	it('a later execution with the same keys sends nothing, and says which execution sent them and when', async () => {
		const workflow = newWorkflow();
		const credentials = standardCredentials(sandbox);
		await runChatCentral(withKey(), contacts(10), { credentials, mode: 'webhook', executionId: 'first', ...workflow });
		expect(sandbox.accepted()).toHaveLength(10);

		const again = await runChatCentral(withKey(), contacts(10), {
			credentials,
			mode: 'webhook',
			executionId: 'second',
			workflowId: workflow.workflowId,
			staticData: savedAndLoaded(workflow.staticData),
		});

		expect(again.error).toBeUndefined();
		expect(sandbox.accepted()).toHaveLength(10);
		expect(again.output).toHaveLength(10);
		for (const item of again.output) {
			expect(item.json).toMatchObject({ status: 'Skipped', alreadySent: true, sentByExecution: 'first' });
			expect(Date.parse(String(item.json.sentAt))).toBeGreaterThan(Date.now() - 60_000);
		}
	});

	it('another event sends again; the same event posted at the same moment sends once', async () => {
		const workflow = newWorkflow();
		const credentials = standardCredentials(sandbox);
		const run = async (eventId: string) =>
			await runChatCentral(withKey(), contacts(8, eventId), { credentials, mode: 'webhook', ...workflow });

		await Promise.all([run('evt-a'), run('evt-a'), run('evt-a')]);
		expect(Object.values(acceptedPerContact())).toEqual(Array(8).fill(1));
		await run('evt-b');
		expect(Object.values(acceptedPerContact())).toEqual(Array(8).fill(2));
	});

	it('two items of one run with the same key send once', async () => {
		const result = await runChatCentral(withKey('={{ $json.eventId }}'), contacts(4), {
			credentials: standardCredentials(sandbox),
			mode: 'webhook',
			...newWorkflow(),
		});

		expect(sandbox.accepted()).toHaveLength(1);
		expect(result.output.filter((item) => item.json.alreadySent === true)).toHaveLength(3);
	});

	it('a key whose send got a 403 is sent once the cause is fixed', async () => {
		const workflow = newWorkflow();
		const options: SendOptions = { credentials: standardCredentials(sandbox), mode: 'webhook', onError: 'continueRegularOutput', ...workflow };
		const refused = await runChatCentral(withKey('={{ $json.eventId }}'), [{ contactId: 'unknown-7', text: 'hi', eventId: 'order-7' }], options);
		expect(refused.output[0].json.error).toBe('Contact not found');

		const fixed = await runChatCentral(withKey('={{ $json.eventId }}'), [{ contactId: 'c-7', text: 'hi', eventId: 'order-7' }], options);

		expect(fixed.output[0].json).toMatchObject({ status: 'Success', contactId: 'c-7' });
		expect(sandbox.accepted().map((m) => m.contactId)).toEqual(['c-7']);
	});

	it('a key whose message may have been delivered is kept', async () => {
		const options: SendOptions = { credentials: standardCredentials(sandbox), mode: 'webhook', onError: 'continueRegularOutput', ...newWorkflow() };
		sandbox.injectFault({ kind: 'dropAfterBody' }, 1);
		await runChatCentral(withKey(), contacts(1), options);

		const again = await runChatCentral(withKey(), contacts(1), options);

		expect(again.output[0].json).toMatchObject({ alreadySent: true });
		expect(sandbox.accepted()).toHaveLength(1);
	});

	it('forgets the oldest keys beyond Key History Size', async () => {
		const options: SendOptions = { credentials: standardCredentials(sandbox), mode: 'webhook', ...newWorkflow() };
		const parameters = withKey('={{ $json.contactId }}', { sendOnceKeyHistorySize: 2 });
		for (const contactId of ['c-1', 'c-2', 'c-3']) {
			await runChatCentral(parameters, [{ contactId, text: 'hi' }], options);
		}

		await runChatCentral(parameters, [{ contactId: 'c-1', text: 'hi' }, { contactId: 'c-3', text: 'hi' }], options);

		expect(acceptedPerContact()).toEqual({ 'c-1': 2, 'c-2': 1, 'c-3': 1 });
		expect(Object.keys(options.staticData?.['node:ChatCentral'] as IDataObject)).toEqual(['sentOnceKeys']);
		expect(Object.keys((options.staticData?.['node:ChatCentral'] as IDataObject).sentOnceKeys as IDataObject)).toHaveLength(2);
	});

	it('keeps keys as hashes in the static data: no key, contact ID or token in clear', async () => {
		const options: SendOptions = { credentials: standardCredentials(sandbox), mode: 'webhook', ...newWorkflow() };
		await runChatCentral(withKey(), contacts(3, 'secret-event'), options);

		const saved = JSON.stringify(options.staticData);
		for (const clear of ['secret-event', 'c-1', sandbox.token]) expect(saved).not.toContain(clear);
		expect(Object.keys((options.staticData?.['node:ChatCentral'] as IDataObject).sentOnceKeys as IDataObject)).toHaveLength(3);
	});

	it('in another n8n process, the keys the static data brought are not sent again', async () => {
		const workflow = newWorkflow();
		const credentials = standardCredentials(sandbox);
		await runChatCentral(withKey(), contacts(5), { credentials, mode: 'webhook', ...workflow });

		const otherProcessNode = nodeInOwnModules();
		const loaded = { credentials, mode: 'webhook' as const, workflowId: workflow.workflowId, nodeType: otherProcessNode };
		const again = await runChatCentral(withKey(), contacts(5), { ...loaded, staticData: savedAndLoaded(workflow.staticData) });
		expect(again.output.every((item) => item.json.alreadySent === true)).toBe(true);
		expect(sandbox.accepted()).toHaveLength(5);

		// Without the saved keys, that process would have sent them: the static data is what carried them
		await runChatCentral(withKey(), contacts(5), { ...loaded, nodeType: nodeInOwnModules(), staticData: {} });
		expect(sandbox.accepted()).toHaveLength(10);
	});

	it.each([
		[{ sendOnceKey: '={{ $json.missing }}' }, 'Send Once Key of item 1: must be text, got nothing'],
		[{ sendOnceKey: '  ' }, 'Send Once Key of item 1: is empty'],
		[{ sendOnceKey: 'k', sendOnceKeyHistorySize: 0 }, 'Key History Size of item 1: must be a whole number above 0, got 0'],
		[{ sendOnceKey: 'k', sendOnceKeyDays: -1 }, 'Forget Keys After (Days) of item 1: must be a number above 0, got -1'],
	])('refuses %p before any request', async (options, message) => {
		const result = await runChatCentral({ ...mappedText, options }, contacts(2), {
			credentials: standardCredentials(sandbox),
			mode: 'webhook',
			...newWorkflow(),
		});

		expect(result.error?.message).toBe(message);
		expect(sandbox.requests()).toHaveLength(0);
	});
});

describe("Send Once Key: the workflow's other static data", () => {
	const credentials = () => standardCredentials(sandbox);

	it.each<[string, Partial<SendOptions>]>([
		['a webhook execution of a published workflow on a main process', { mode: 'webhook' }],
		['a sub-workflow execution of a published workflow, loaded from the database', { mode: 'integrated', parentWorkflowId: 'calling-workflow' }],
	])('%s adds its keys beside what other nodes stored', async (_, execution) => {
		const options: SendOptions = { credentials: credentials(), ...newWorkflow(), ...execution, staticData: othersData() };
		const result = await runChatCentral(withKey(), contacts(3), options);

		expect(result.staticDataSaved).toBe(true);
		expect(options.staticData).toEqual({
			...othersData(),
			'node:ChatCentral': { sentOnceKeys: expect.objectContaining({}) as IDataObject },
		});
		expect(Object.keys((options.staticData?.['node:ChatCentral'] as IDataObject).sentOnceKeys as IDataObject)).toHaveLength(3);
	});

	it.each<[string, (workflowId: string) => Partial<SendOptions>]>([
		["an n8n 2.x queue worker's execution (the workflow's snapshot: no static data, active false)", () => ({ mode: 'webhook', active: false })],
		['an execution resumed after a Wait (the snapshot, active true)', () => ({ mode: 'webhook', active: true, resumed: true })],
		['a trigger execution of a workflow not known to be published', () => ({ mode: 'trigger', active: false })],
		["a sub-workflow defined as JSON, run under its parent's ID", (workflowId) => ({ mode: 'integrated', active: true, parentWorkflowId: workflowId })],
	])('%s: n8n saves no static data, and a later execution in this process still skips the keys', async (_, execution) => {
		const { workflowId } = newWorkflow();
		const first = { credentials: credentials(), workflowId, staticData: {}, ...execution(workflowId) };
		const sent = await runChatCentral(withKey(), contacts(3), first);
		expect(sent.error).toBeUndefined();
		// Only the empty object n8n creates for the node when it asks, which n8n does not count as a change
		expect(sent.staticDataSaved).toBe(false);
		expect(first.staticData).toEqual({ 'node:ChatCentral': {} });

		const again = await runChatCentral(withKey(), contacts(3), { ...first, staticData: {} });
		expect(again.output.every((item) => item.json.alreadySent === true)).toBe(true);
		expect(sandbox.accepted()).toHaveLength(3);
		expect(again.staticDataSaved).toBe(false);
	});

	it("n8n's Retry with the original workflow (its snapshot: no static data) saves none; its keys reach the static data with the next webhook execution here", async () => {
		const workflow = newWorkflow();
		const options: SendOptions = { credentials: credentials(), mode: 'webhook', ...workflow, active: false };
		sandbox.injectAnswer({ status: 500, message: 'Internal error' }, 1);
		const failed = await runChatCentral(withKey(), contacts(4), options);
		expect(failed.error?.message).toBe('Internal error');

		const retried = await retryChatCentral(failed, withKey(), contacts(4), { ...options, staticData: {} });
		expect(retried.error).toBeUndefined();
		expect(retried.staticDataSaved).toBe(false);
		expect(Object.values(acceptedPerContact())).toEqual(Array(4).fill(1));

		const published = { ...options, active: true, staticData: othersData() };
		await runChatCentral(withKey(), contacts(4), published);
		expect(sandbox.accepted()).toHaveLength(4);
		expect(published.staticData).toMatchObject(othersData());
		expect(Object.keys((published.staticData['node:ChatCentral'] as IDataObject).sentOnceKeys as IDataObject)).toHaveLength(4);
	});
});

/** The node from a module registry of its own: its memory of keys starts empty, as in another n8n process. */
function nodeInOwnModules(): INodeType {
	let node: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { ChatCentral } = require('../../nodes/ChatCentral/ChatCentral.node') as { ChatCentral: new () => INodeType };
		node = new ChatCentral();
	});
	DirectoryLoader.applyDeclarativeNodeOptionParameters(node as INodeType);
	return node as INodeType;
}
