import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { nothingSentError } from '../errors/invalidItemError';
import type { FieldChecks } from './itemFieldChecks';

/** A valid item whose run has an invalid item: it is not sent either. */
export type HeldBack = { ok: 'heldBack' };

interface RunChecks {
	itemCount: number;
	checkedItems: Set<number>;
	anyFailed: boolean;
	allChecked: Promise<void>;
	markAllChecked: () => void;
}

// One entry per node run, keyed by the run's execute data (shared by all its items). Items
// check in synchronously as n8n's routing loop starts each item's request; if that loop stops
// early (an expression error), the waiting items are dropped with the failed run.
const runs = new WeakMap<object, RunChecks>();

/** How many items n8n's routing runs: all main input items, or the first with Execute Once. */
function routedItemCount(context: IExecuteSingleFunctions): number | undefined {
	if (context.getNode().executeOnce === true) return 1;
	return context.getExecuteData().data.main?.[0]?.length;
}

function checksOfThisRun(context: IExecuteSingleFunctions, key: object, itemCount: number): RunChecks {
	const existing = runs.get(key);
	// An item that was already checked means an earlier run (e.g. a node retry) is over.
	if (existing !== undefined && !existing.checkedItems.has(context.getItemIndex())) return existing;
	let markAllChecked = () => {};
	const allChecked = new Promise<void>((resolve) => (markAllChecked = resolve));
	const checks: RunChecks = { itemCount, checkedItems: new Set(), anyFailed: false, allChecked, markAllChecked };
	runs.set(key, checks);
	return checks;
}

/**
 * This item's field checks, seen together with the other items' when the node stops on
 * error: then nothing is sent unless every item passed, because messages sent before the
 * failure would go out a second time when the user fixes the bad item and runs again. A
 * failed item keeps its own error (so n8n reports it, on its item); valid ones are held back.
 * With "On Error: Continue" the checks come back at once: valid items are sent, invalid ones
 * fail alone.
 */
export async function checkedWithAllItems<T>(
	context: IExecuteSingleFunctions,
	checks: FieldChecks<T>,
): Promise<FieldChecks<T> | HeldBack> {
	const key = context.getExecuteData();
	const itemCount = routedItemCount(context);
	if (context.continueOnFail() || itemCount === undefined || itemCount < 2) return checks;

	const run = checksOfThisRun(context, key, itemCount);
	run.anyFailed ||= !checks.ok;
	run.checkedItems.add(context.getItemIndex());
	if (run.checkedItems.size === run.itemCount) {
		runs.delete(key);
		run.markAllChecked();
	}
	await run.allChecked;

	if (!checks.ok) return { ok: false, error: nothingSentError(context, checks.error) };
	return run.anyFailed ? { ok: 'heldBack' } : checks;
}
