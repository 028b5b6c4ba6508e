import type { IExecuteSingleFunctions, NodeOperationError } from 'n8n-workflow';

import { invalidItemError } from '../errors/fieldCheckErrors';

export type FieldChecks<T> = { ok: true; value: T } | { ok: false; error: NodeOperationError };

/** Runs the field checks of one item; a failed check becomes the item's error (invalidItemError). */
export function itemFieldChecks<T>(context: IExecuteSingleFunctions, check: () => T): FieldChecks<T> {
	try {
		return { ok: true, value: check() };
	} catch (error) {
		return { ok: false, error: invalidItemError(context, error) };
	}
}
