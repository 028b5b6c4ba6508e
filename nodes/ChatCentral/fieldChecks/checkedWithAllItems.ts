import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { continuesOnFail } from '../continuesOnFail';
import { routedItemCount, routedRunOf } from '../delivery/routedRun';
import { nothingSentError } from '../errors/fieldCheckErrors';
import { itemFieldChecks, type FieldChecks } from './itemFieldChecks';
import { itemOfRun } from './itemOfRun';

/** A valid item whose run has an invalid item: it is not sent either. */
export type HeldBack = { ok: 'heldBack' };

interface RunChecks<T> {
	items: Array<FieldChecks<T>>;
	anyFailed: boolean;
}

function checkEveryItem<T>(context: IExecuteSingleFunctions, itemCount: number, check: (item: IExecuteSingleFunctions) => T): RunChecks<T> {
	const items = Array.from({ length: itemCount }, (_, index) => {
		const item = itemOfRun(context, index);
		return itemFieldChecks(item, () => check(item));
	});
	return { items, anyFailed: items.some((checks) => !checks.ok) };
}

/**
 * This item's field checks (`check`), seen together with every other item's when the node
 * stops on error: then nothing is sent unless every item passed, because messages sent before
 * the failure would go out a second time when the user fixes the bad item and runs again. A
 * failed item keeps its own error (so n8n reports it, on its item); valid ones are held back.
 *
 * The run's first item checks them all, before its own request, so that no item has to wait
 * for n8n to prepare the others: the first message can leave while n8n's routing still prepares
 * the rest (it does, a batch at a time, with Request Options → Batching, the node's default).
 * The other items take their checks from there: each field of each item is read once.
 * With "On Error: Continue" each item checks itself: valid items are sent, invalid ones fail alone.
 */
export function checkedWithAllItems<T>(
	context: IExecuteSingleFunctions,
	check: (item: IExecuteSingleFunctions) => T,
): FieldChecks<T> | HeldBack {
	const itemCount = routedItemCount(context);
	if (continuesOnFail(context) || itemCount === undefined || itemCount < 2) return itemFieldChecks(context, () => check(context));

	// Kept on the node run's record (routedRun). The node setting Retry On Fail runs the node
	// again with the same execute data: its first item checks every item afresh.
	const routedRun = routedRunOf(context);
	const itemIndex = context.getItemIndex();
	let run = routedRun.checks as RunChecks<T> | undefined;
	if (run === undefined || itemIndex === 0) {
		run = checkEveryItem(context, itemCount, check);
		routedRun.checks = run;
	}
	const checks = run.items[itemIndex] ?? itemFieldChecks(context, () => check(context));
	if (!checks.ok) return { ok: false, error: nothingSentError(context, checks.error) };
	return run.anyFailed ? { ok: 'heldBack' } : checks;
}
