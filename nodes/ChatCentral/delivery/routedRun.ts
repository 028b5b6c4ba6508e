import type { IExecuteSingleFunctions } from 'n8n-workflow';

type RunItem = Pick<IExecuteSingleFunctions, 'getExecuteData' | 'getItemIndex' | 'getNode'>;

/** How many items n8n's routing runs: all main input items, or the first with Execute Once. */
export function routedItemCount(context: RunItem): number | undefined {
	if (context.getNode().executeOnce === true) return 1;
	return context.getExecuteData().data.main?.[0]?.length;
}

interface RoutedRun {
	lastItemStarted: Promise<void>;
	markLastItemStarted: () => void;
}

// One entry per node run, keyed by the run's execute data (shared by all its items); its first
// item makes it (the node setting Retry On Fail runs the node again with the same execute data).
const runs = new WeakMap<object, RoutedRun>();

/** Notes that n8n's routing started this item's request: to be called first thing in its preSend. */
export function itemStarted(context: RunItem): void {
	const key = context.getExecuteData();
	const itemIndex = context.getItemIndex();
	let run = runs.get(key);
	if (run === undefined || itemIndex === 0) {
		let markLastItemStarted: () => void = () => {};
		const lastItemStarted = new Promise<void>((resolve) => (markLastItemStarted = resolve));
		run = { lastItemStarted, markLastItemStarted };
		runs.set(key, run);
	}
	if (itemIndex >= (routedItemCount(context) ?? 1) - 1) run.markLastItemStarted();
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
