import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { continuesOnFail } from '../continuesOnFail';
import { itemsNotStartedError, nothingSentError } from '../errors/fieldCheckErrors';
import type { FieldChecks } from './itemFieldChecks';

/** A valid item whose run has an invalid item: it is not sent either. */
export type HeldBack = { ok: 'heldBack' };

/**
 * How long the items of a run may go without one of them checking in (beyond the node's
 * Batch Interval) before the waiting ones give up. n8n's routing starts every item's request
 * at once, or one batch per Batch Interval, so all check in within that unless n8n changes.
 */
export const CHECK_IN_LIMIT_MS = 60_000;

type Outcome = 'allCheckedIn' | 'timedOut';

interface RunChecks {
	itemCount: number;
	checkedItems: Set<number>;
	anyFailed: boolean;
	lastCheckInAt: number;
	outcome: Outcome | undefined;
	settled: Promise<Outcome>;
	settle: (outcome: Outcome) => void;
}

// One entry per node run, keyed by the run's execute data (shared by all its items). Items
// check in as n8n's routing loop starts each item's request; if that loop stops early (an
// expression error), the waiting items are dropped with the failed run.
const runs = new WeakMap<object, RunChecks>();

/** How many items n8n's routing runs: all main input items, or the first with Execute Once. */
function routedItemCount(context: IExecuteSingleFunctions): number | undefined {
	if (context.getNode().executeOnce === true) return 1;
	return context.getExecuteData().data.main?.[0]?.length;
}

/** The node's Batch Interval (Request Options → Batching), 0 without batching. */
function batchIntervalMs(context: IExecuteSingleFunctions): number {
	const { batching } = context.getNodeParameter('requestOptions', {}) as { batching?: { batch?: IDataObject } };
	const interval = Number(batching?.batch?.batchInterval ?? 0);
	return Number.isFinite(interval) && interval > 0 ? interval : 0;
}

function checksOfThisRun(context: IExecuteSingleFunctions, key: object, itemCount: number, limitMs: number): RunChecks {
	const existing = runs.get(key);
	// An item that was already checked means an earlier run (e.g. a node retry) is over.
	if (existing !== undefined && !existing.checkedItems.has(context.getItemIndex())) return existing;
	let settle: (outcome: Outcome) => void = () => {};
	const settled = new Promise<Outcome>((resolve) => (settle = resolve));
	const run: RunChecks = {
		itemCount,
		checkedItems: new Set(),
		anyFailed: false,
		lastCheckInAt: Date.now(),
		outcome: undefined,
		settled,
		settle: (outcome) => {
			run.outcome ??= outcome;
			settle(run.outcome);
		},
	};
	runs.set(key, run);
	void watchCheckIns(run, limitMs);
	return run;
}

/** Ends the run's wait when its items stop checking in for `limitMs`. */
async function watchCheckIns(run: RunChecks, limitMs: number): Promise<void> {
	// The routing loop checks every item in before it yields, unless it batches
	await sleep(0);
	while (run.outcome === undefined) {
		const remainingMs = run.lastCheckInAt + limitMs - Date.now();
		if (remainingMs <= 0) {
			run.settle('timedOut');
			return;
		}
		await Promise.race([run.settled, sleep(Math.min(remainingMs, 1000))]);
	}
}

/**
 * This item's field checks, seen together with the other items' when the node stops on
 * error: then nothing is sent unless every item passed, because messages sent before the
 * failure would go out a second time when the user fixes the bad item and runs again. A
 * failed item keeps its own error (so n8n reports it, on its item); valid ones are held back.
 * With "On Error: Continue" the checks come back at once: valid items are sent, invalid ones
 * fail alone. If the run's items stop checking in (CHECK_IN_LIMIT_MS), nothing is sent: the
 * waiting items are released unsent and the items that arrive later fail.
 */
export async function checkedWithAllItems<T>(
	context: IExecuteSingleFunctions,
	checks: FieldChecks<T>,
	checkInLimitMs: number = CHECK_IN_LIMIT_MS,
): Promise<FieldChecks<T> | HeldBack> {
	const key = context.getExecuteData();
	const itemCount = routedItemCount(context);
	if (continuesOnFail(context) || itemCount === undefined || itemCount < 2) return checks;

	const limitMs = checkInLimitMs + batchIntervalMs(context);
	const run = checksOfThisRun(context, key, itemCount, limitMs);
	if (run.outcome === 'timedOut') {
		return { ok: false, error: itemsNotStartedError(context, run.checkedItems.size, run.itemCount, limitMs) };
	}
	run.anyFailed ||= !checks.ok;
	run.checkedItems.add(context.getItemIndex());
	run.lastCheckInAt = Date.now();
	if (run.checkedItems.size === run.itemCount) {
		runs.delete(key);
		run.settle('allCheckedIn');
	}
	// Released unsent; the next item n8n hands over fails the run. Failing these would reject
	// requests nobody awaits when n8n already gave up on the run (an item's expression failed).
	if ((await run.settled) === 'timedOut') return { ok: 'heldBack' };
	if (!checks.ok) return { ok: false, error: nothingSentError(context, checks.error) };
	return run.anyFailed ? { ok: 'heldBack' } : checks;
}
