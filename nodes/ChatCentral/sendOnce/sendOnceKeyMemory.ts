import { createHash } from 'node:crypto';

import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { staticDataLoadedWhole } from './staticDataLoadedWhole';

/** How long and how many keys a node remembers (Send Once Key's memory options). */
export interface KeyMemoryBounds {
	maxKeys: number;
	maxAgeMs: number;
}

/** Who sent a key's message, and when. */
export interface KeptSend {
	at: number;
	executionId: string;
}

export type KeyMemoryContext = Pick<
	IExecuteSingleFunctions,
	'getNode' | 'getWorkflow' | 'getWorkflowStaticData' | 'getExecutionId' | 'getMode'
>;

type HeldKey = { held: Promise<void> };

interface NodeKeyMemory {
	kept: Map<string, KeptSend>;
	held: Map<string, HeldKey>;
	/** Counts the changes to `kept`, so that each execution's static data can catch up. */
	version: number;
	/** The version of `kept` each execution's static data of the node last matched. */
	synced: WeakMap<IDataObject, number>;
}

// The workflow's static data property that keeps the node's sent keys: { [key hash]: "seconds.executionId" }.
export const STATIC_DATA_PROPERTY = 'sentOnceKeys';

// One memory per workflow node in this n8n process: executions running here at the same moment
// see each other's keys at once, held ones included. The workflow's static data (saved in n8n's
// database at the end of every execution that is not a manual one) carries them to later
// executions in other processes and after a restart, where n8n loaded it whole (else the
// execution's keys stay in this memory, and a later execution here that did writes them too).
const memories = new Map<string, NodeKeyMemory>();

/** A key as it is remembered: 96 bits of its SHA-256, never the key itself. */
export function keyHash(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

/** The node's keys in this execution's static data; none where n8n did not load it whole (writing there would erase other nodes' data). */
function storedKeys(context: KeyMemoryContext): IDataObject | undefined {
	if (!staticDataLoadedWhole(context, STATIC_DATA_PROPERTY)) return undefined;
	const staticData = context.getWorkflowStaticData('node');
	if (typeof staticData[STATIC_DATA_PROPERTY] !== 'object' || staticData[STATIC_DATA_PROPERTY] === null) {
		staticData[STATIC_DATA_PROPERTY] = {};
	}
	return staticData[STATIC_DATA_PROPERTY] as IDataObject;
}

/** Marks the static data as changed, so that n8n saves it at the end of the execution. */
function markChanged(context: KeyMemoryContext, stored: IDataObject): void {
	context.getWorkflowStaticData('node')[STATIC_DATA_PROPERTY] = stored;
}

function storedValue(send: KeptSend): string {
	return `${Math.floor(send.at / 1000)}.${send.executionId}`;
}

/** Adds the keys a static data object brought from n8n's database (a new execution) to the memory. */
function learnStored(memory: NodeKeyMemory, stored: IDataObject): void {
	const known = Object.entries(stored)
		.filter(([hash]) => !memory.kept.has(hash))
		.map(([hash, value]): [string, KeptSend] => {
			const [seconds, executionId] = String(value).split('.');
			return [hash, { at: Number(seconds) * 1000, executionId: executionId ?? '' }];
		});
	if (known.length === 0) return;
	const all = [...memory.kept, ...known].sort(([, a], [, b]) => a.at - b.at);
	memory.kept = new Map(all);
	memory.version += 1;
}

/** Makes the static data hold what the memory holds: n8n saves it whole, the last execution's wins. */
function syncStored(context: KeyMemoryContext, memory: NodeKeyMemory, stored: IDataObject): void {
	if (memory.synced.get(stored) === memory.version) return;
	for (const hash of Object.keys(stored)) if (!memory.kept.has(hash)) delete stored[hash];
	for (const [hash, send] of memory.kept) stored[hash] = storedValue(send);
	memory.synced.set(stored, memory.version);
	markChanged(context, stored);
}

/** The memory of this node, and this execution's static data holding the same keys (if it may). */
function memoryOf(context: KeyMemoryContext): { memory: NodeKeyMemory; stored: IDataObject | undefined } {
	// A workflow never saved has no ID (nor static data n8n could save): its memory is its execution's
	const workflow = context.getWorkflow().id || `execution ${context.getExecutionId()}`;
	const id = `${workflow}\n${context.getNode().name}`;
	let memory = memories.get(id);
	if (memory === undefined) {
		memory = { kept: new Map(), held: new Map(), version: 0, synced: new WeakMap() };
		memories.set(id, memory);
	}
	const stored = storedKeys(context);
	if (stored !== undefined) {
		if (!memory.synced.has(stored)) learnStored(memory, stored);
		syncStored(context, memory, stored);
	}
	return { memory, stored };
}

/** Forgets the oldest keys beyond the bounds; gives the ones forgotten. */
function forgetBeyond(memory: NodeKeyMemory, bounds: KeyMemoryBounds, now: number): string[] {
	const forgotten: string[] = [];
	for (const [hash, send] of memory.kept) {
		if (memory.kept.size <= bounds.maxKeys && now - send.at <= bounds.maxAgeMs) break;
		memory.kept.delete(hash);
		forgotten.push(hash);
	}
	if (forgotten.length > 0) memory.version += 1;
	return forgotten;
}

/**
 * Claims a key for one send. `alreadySent` when this node sent (or may have sent) a message
 * with it; otherwise the key is held until `keep` (accepted, or may have been delivered) or
 * `release` (certainly not delivered: a later send with it goes out). While a key is held, a
 * claim of it waits for the outcome.
 */
export async function claimKey(
	context: KeyMemoryContext,
	hash: string,
	bounds: KeyMemoryBounds,
	now: () => number = Date.now,
): Promise<
	| { alreadySent: KeptSend }
	| { alreadySent?: undefined; keep: (executionId: string) => void; release: () => void }
> {
	for (;;) {
		const { memory, stored } = memoryOf(context);
		if (forgetBeyond(memory, bounds, now()).length > 0 && stored !== undefined) syncStored(context, memory, stored);
		const kept = memory.kept.get(hash);
		if (kept !== undefined) return { alreadySent: kept };
		const holder = memory.held.get(hash);
		if (holder !== undefined) {
			await holder.held;
			continue;
		}
		let settle: () => void = () => {};
		memory.held.set(hash, { held: new Promise<void>((resolve) => (settle = resolve)) });
		const done = () => {
			memory.held.delete(hash);
			settle();
		};
		return {
			keep: (executionId: string) => {
				const send = { at: now(), executionId };
				const stored = storedKeys(context);
				const upToDate = stored !== undefined && memory.synced.get(stored) === memory.version;
				memory.kept.set(hash, send);
				memory.version += 1;
				const forgotten = forgetBeyond(memory, bounds, send.at);
				if (stored !== undefined && upToDate) {
					// The usual case, one key more (and the oldest less): no need to copy the whole memory
					stored[hash] = storedValue(send);
					for (const old of forgotten) delete stored[old];
					memory.synced.set(stored, memory.version);
					markChanged(context, stored);
				} else if (stored !== undefined) syncStored(context, memory, stored);
				done();
			},
			release: done,
		};
	}
}
