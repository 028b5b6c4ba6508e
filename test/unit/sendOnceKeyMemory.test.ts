import type { IDataObject, INode } from 'n8n-workflow';

import { claimKey, keyHash, STATIC_DATA_PROPERTY, type KeyMemoryContext } from '../../nodes/ChatCentral/sendOnce/sendOnceKeyMemory';

const bounds = { maxKeys: 100, maxAgeMs: 60_000 };
let workflows = 0;

/**
 * One execution of a workflow node: its own static data object, as n8n loads it per execution;
 * by default a webhook execution of a published workflow on a main process (static data loaded whole).
 */
function execution(
	workflowId: string,
	staticData: IDataObject = {},
	executionId = 'exec',
	active = true,
): KeyMemoryContext & { staticData: IDataObject } {
	return {
		staticData,
		getNode: () => ({ name: 'ChatCentral' }) as INode,
		getWorkflow: () => ({ id: workflowId, active }),
		getWorkflowStaticData: () => staticData,
		getExecutionId: () => executionId,
		getMode: () => 'webhook',
	};
}

function newWorkflowId(): string {
	workflows += 1;
	return `memory-${workflows}`;
}

describe('claimKey', () => {
	it('a kept key is already sent, with its execution and time', async () => {
		const context = execution(newWorkflowId());
		const claim = await claimKey(context, keyHash('k'), bounds, () => 5_000);
		expect(claim.alreadySent).toBeUndefined();
		if (claim.alreadySent === undefined) claim.keep('exec-1');

		expect(await claimKey(context, keyHash('k'), bounds, () => 6_000)).toEqual({ alreadySent: { at: 5_000, executionId: 'exec-1' } });
		expect(context.staticData[STATIC_DATA_PROPERTY]).toEqual({ [keyHash('k')]: '5.exec-1' });
	});

	it('a claim of a held key waits for its outcome: kept, it is already sent; released, it may go', async () => {
		const context = execution(newWorkflowId());
		const first = await claimKey(context, keyHash('k'), bounds);
		let second: Awaited<ReturnType<typeof claimKey>> | undefined;
		const waiting = claimKey(context, keyHash('k'), bounds).then((claim) => (second = claim));
		await new Promise((resolve) => setImmediate(resolve));
		expect(second).toBeUndefined();

		if (first.alreadySent === undefined) first.release();
		await waiting;
		expect(second?.alreadySent).toBeUndefined();
		if (second?.alreadySent === undefined) second?.keep('exec-2');
		expect((await claimKey(context, keyHash('k'), bounds)).alreadySent?.executionId).toBe('exec-2');
	});

	it('forgets keys older than the bound', async () => {
		const context = execution(newWorkflowId());
		const claim = await claimKey(context, keyHash('k'), bounds, () => 0);
		if (claim.alreadySent === undefined) claim.keep('exec-1');

		expect((await claimKey(context, keyHash('k'), bounds, () => 60_001)).alreadySent).toBeUndefined();
		expect(context.staticData[STATIC_DATA_PROPERTY]).toEqual({});
	});

	it("writes every key this process knows into each execution's static data, since n8n saves it whole", async () => {
		const workflowId = newWorkflowId();
		const a = execution(workflowId);
		const b = execution(workflowId, { [STATIC_DATA_PROPERTY]: { [keyHash('from-db')]: '1.exec-0' } });
		const claimA = await claimKey(a, keyHash('a'), bounds, () => 2_000);
		const claimB = await claimKey(b, keyHash('b'), bounds, () => 3_000);
		if (claimA.alreadySent === undefined) claimA.keep('exec-a');
		if (claimB.alreadySent === undefined) claimB.keep('exec-b');
		await claimKey(a, keyHash('other'), bounds, () => 4_000);

		const all = [keyHash('from-db'), keyHash('a'), keyHash('b')].sort();
		expect(Object.keys(a.staticData[STATIC_DATA_PROPERTY] as IDataObject).sort()).toEqual(all);
		expect(Object.keys(b.staticData[STATIC_DATA_PROPERTY] as IDataObject).sort()).toEqual(all);
	});

	it('keeps the keys of a workflow that was never saved (no ID) to its own execution', async () => {
		const first = execution('', {}, 'unsaved-1');
		const claim = await claimKey(first, keyHash('k'), bounds);
		if (claim.alreadySent === undefined) claim.keep('unsaved-1');

		expect((await claimKey(first, keyHash('k'), bounds)).alreadySent?.executionId).toBe('unsaved-1');
		expect((await claimKey(execution('', {}, 'unsaved-2'), keyHash('k'), bounds)).alreadySent).toBeUndefined();
	});

	it('where the static data was not loaded whole, keeps keys in this process and writes nothing there', async () => {
		const workflowId = newWorkflowId();
		// A 2.x queue worker: the workflow's snapshot, no static data, not active
		const worker = execution(workflowId, {}, 'on-worker', false);
		const claim = await claimKey(worker, keyHash('k'), bounds, () => 1_000);
		if (claim.alreadySent === undefined) claim.keep('on-worker');

		expect(worker.staticData).toEqual({});
		expect((await claimKey(execution(workflowId, {}, 'later', false), keyHash('k'), bounds, () => 2_000)).alreadySent?.executionId).toBe('on-worker');
		// A later execution here that may write (its static data loaded whole) writes it too
		const loaded = execution(workflowId, { [STATIC_DATA_PROPERTY]: {} }, 'loaded', false);
		await claimKey(loaded, keyHash('other'), bounds, () => 2_000);
		expect(loaded.staticData[STATIC_DATA_PROPERTY]).toEqual({ [keyHash('k')]: '1.on-worker' });
	});

	it('reads the keys static data brings wherever it brings them', async () => {
		const stored = { [STATIC_DATA_PROPERTY]: { [keyHash('from-db')]: '7.exec-0' } };
		const claim = await claimKey(execution(newWorkflowId(), stored, 'resumed', false), keyHash('from-db'), bounds, () => 8_000);
		expect(claim.alreadySent).toEqual({ at: 7_000, executionId: 'exec-0' });
	});
});
