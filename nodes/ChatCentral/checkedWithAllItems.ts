import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type FieldChecks<T> = { ok: true; value: T } | { ok: false; error: NodeOperationError };

interface ItemChecks {
	itemCount: number;
	checkedItems: Set<number>;
	firstFailure?: { itemIndex: number; error: NodeOperationError };
	allChecked: Promise<void>;
	markAllChecked: () => void;
}

// One entry per node run, keyed by the run's execute data (shared by all its items).
const runs = new WeakMap<object, ItemChecks>();

function inputItemCount(context: IExecuteSingleFunctions): number | undefined {
	const { data } = context.getExecuteData();
	return (data.main ?? data.ai_tool)?.[0]?.length;
}

function itemChecksOfThisRun(context: IExecuteSingleFunctions, key: object, itemCount: number): ItemChecks {
	const existing = runs.get(key);
	// An item that was already checked means an earlier run (e.g. a node retry) is over.
	if (existing !== undefined && !existing.checkedItems.has(context.getItemIndex())) return existing;
	let markAllChecked = () => {};
	const allChecked = new Promise<void>((resolve) => (markAllChecked = resolve));
	const checks: ItemChecks = { itemCount, checkedItems: new Set(), allChecked, markAllChecked };
	runs.set(key, checks);
	return checks;
}

/**
 * This item's field checks, seen together with the other items' when the node stops on
 * error: then nothing is sent unless every item passed, because messages sent before the
 * failure would go out a second time when the user fixes the bad item and runs again.
 * With "On Error: Continue" the result comes back at once: valid items are sent, invalid
 * ones fail alone.
 */
export async function checkedWithAllItems<T>(
	context: IExecuteSingleFunctions,
	checks: FieldChecks<T>,
): Promise<FieldChecks<T>> {
	const key = context.getExecuteData();
	const itemCount = inputItemCount(context);
	if (context.continueOnFail() || itemCount === undefined || itemCount < 2) return checks;

	const itemIndex = context.getItemIndex();
	const run = itemChecksOfThisRun(context, key, itemCount);
	if (!checks.ok && (run.firstFailure === undefined || itemIndex < run.firstFailure.itemIndex)) {
		run.firstFailure = { itemIndex, error: checks.error };
	}
	run.checkedItems.add(itemIndex);
	if (run.checkedItems.size === run.itemCount) {
		runs.delete(key);
		run.markAllChecked();
	}
	await run.allChecked;

	const { firstFailure } = run;
	if (checks.ok && firstFailure !== undefined) {
		return {
			ok: false,
			error: new NodeOperationError(context.getNode(), firstFailure.error.message, {
				itemIndex: firstFailure.itemIndex,
				description:
					'Nothing was sent: fix this item and run the node again, and every message goes out once. (To send the valid items anyway and handle invalid ones separately, set the node\'s Settings → On Error to Continue.)',
			}),
		};
	}
	return checks;
}
