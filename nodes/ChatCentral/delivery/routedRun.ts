import type { IExecuteSingleFunctions } from 'n8n-workflow';

type RunItem = Pick<IExecuteSingleFunctions, 'getExecuteData' | 'getItemIndex' | 'getNode'>;

/** How many items n8n's routing runs: all main input items, or the first with Execute Once. */
export function routedItemCount(context: RunItem): number | undefined {
	if (context.getNode().executeOnce === true) return 1;
	return context.getExecuteData().data.main?.[0]?.length;
}

/** What a node run's items share: when the last one started, and the run's field checks. */
interface RoutedRun {
	lastItemStarted: Promise<void>;
	markLastItemStarted: () => void;
	/** The field checks of every item (checkedWithAllItems), made by the run's first item. */
	checks?: unknown;
}

// One entry per node run, keyed by the run's execute data (shared by all its items); its first
// item makes it afresh (the node setting Retry On Fail runs the node again with the same execute
// data: its first item starts a new record, with no checks).
const runs = new WeakMap<object, RoutedRun>();

function newRun(key: object): RoutedRun {
	let markLastItemStarted: () => void = () => {};
	const lastItemStarted = new Promise<void>((resolve) => (markLastItemStarted = resolve));
	const run = { lastItemStarted, markLastItemStarted };
	runs.set(key, run);
	return run;
}

/** The record of this item's node run: the one its first item started (itemStarted). */
export function routedRunOf(context: RunItem): RoutedRun {
	const key = context.getExecuteData();
	return runs.get(key) ?? newRun(key);
}

/** Notes that n8n's routing started this item's request: to be called first thing in its preSend. */
export function itemStarted(context: RunItem): void {
	const run = context.getItemIndex() === 0 ? newRun(context.getExecuteData()) : routedRunOf(context);
	if (context.getItemIndex() >= (routedItemCount(context) ?? 1) - 1) run.markLastItemStarted();
}

/**
 * Runs an item's preparation or send; if it fails, the failure waits until n8n's routing has
 * started the run's last item. n8n collects the items' requests while it prepares the run and
 * takes their outcomes only after the last one: with Batching it prepares a batch at a time while
 * the first requests are out, and a request failing before the last batch would be a rejection
 * nobody handles yet (n8n reports it as unhandled). If n8n stops early (an expression of a later
 * item failed), the failure is never thrown: n8n has ended the run with its own error.
 */
export async function failingAfterLastItemStarted<T>(context: RunItem, work: () => Promise<T>): Promise<T> {
	const outcome = work();
	await outcome.catch(async () => await runs.get(context.getExecuteData())?.lastItemStarted);
	return await outcome;
}
