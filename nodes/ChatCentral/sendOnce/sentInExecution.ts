import { createHash } from 'node:crypto';

import type { IExecuteSingleFunctions, IWorkflowExecutionCustomData } from 'n8n-workflow';

import { decodeItemBitmap, encodeItemBitmap } from './itemBitmap';

/** What recording an item's send in its execution needs of n8n. */
export type ExecutionItem = Pick<
	IExecuteSingleFunctions,
	'getNode' | 'getItemIndex' | 'getExecuteData' | 'getExecutionId' | 'getWorkflowDataProxy'
>;

// Custom data holds at most 10 keys of at most 512 characters: one key holds 2,400 items of a
// node run (400 characters of bitmap) behind the execution ID that sent them.
export const ITEMS_PER_KEY = 2400;

interface NodeRunRecord {
	customData: IWorkflowExecutionCustomData;
	chunks: Map<number, RecordedChunk>;
}

interface RecordedChunk {
	key: string;
	sentBy: string;
	items: Set<number>;
}

// What a node run read or wrote, keyed by its execute data (all its items share it).
const runs = new WeakMap<object, NodeRunRecord>();

/**
 * n8n's execution custom data: it is saved with the execution, failed ones included, and a
 * retry (both Retry buttons, in any worker) starts from a copy of it. n8n-core 2.x contexts
 * have it as `customData`; 1.x only through `$execution`.
 */
function customDataOf(context: ExecutionItem): IWorkflowExecutionCustomData {
	const direct = (context as { customData?: IWorkflowExecutionCustomData }).customData;
	return direct ?? (context.getWorkflowDataProxy(context.getItemIndex()).$execution as { customData: IWorkflowExecutionCustomData }).customData;
}

/** The node run's index in its execution: a retry runs the failed node again with the same one. */
function runIndexOf(context: ExecutionItem): number {
	return (context as { runIndex?: number }).runIndex ?? 0;
}

function customDataKey(context: ExecutionItem, chunk: number): string {
	const node = createHash('sha256').update(context.getNode().id ?? context.getNode().name).digest('hex').slice(0, 8);
	return `chatCentralSent_${node}_${runIndexOf(context)}_${chunk}`;
}

function recordedChunk(context: ExecutionItem): { run: NodeRunRecord; chunk: RecordedChunk; item: number } {
	const index = context.getItemIndex();
	const chunkNumber = Math.floor(index / ITEMS_PER_KEY);
	const run = runs.get(context.getExecuteData()) ?? { customData: customDataOf(context), chunks: new Map() };
	runs.set(context.getExecuteData(), run);
	let chunk = run.chunks.get(chunkNumber);
	if (chunk === undefined) {
		const key = customDataKey(context, chunkNumber);
		const [sentBy, bitmap] = String(run.customData.get(key) ?? '').split('.');
		chunk = { key, sentBy: bitmap === undefined ? '' : sentBy, items: decodeItemBitmap(bitmap ?? '') };
		run.chunks.set(chunkNumber, chunk);
	}
	return { run, chunk, item: index % ITEMS_PER_KEY };
}

/**
 * Whether an earlier try of this execution (the one n8n's Retry copied) sent this item's message,
 * or may have: then it must not go out again. Gives the execution that sent it.
 */
export function sentByEarlierTry(context: ExecutionItem): { executionId: string } | undefined {
	const { chunk, item } = recordedChunk(context);
	return chunk.items.has(item) ? { executionId: chunk.sentBy } : undefined;
}

/** Records in the execution that this item's message was accepted, or may have been delivered. */
export function recordSentInExecution(context: ExecutionItem): void {
	const { run, chunk, item } = recordedChunk(context);
	chunk.items.add(item);
	chunk.sentBy ||= String(context.getExecutionId() ?? '');
	try {
		run.customData.set(chunk.key, `${chunk.sentBy}.${encodeItemBitmap(chunk.items)}`);
	} catch {
		// A manual run throws where other modes drop the value (custom data is full: 10 keys); the
		// message is sent all the same, and only a retry of this execution cannot know it
	}
}
