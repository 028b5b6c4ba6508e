import type { IDataObject } from 'n8n-workflow';

import { keyHash, type KeyMemoryBounds } from '../sendOnce/sendOnceKeyMemory';
import { describeValue } from './describeValue';
import { InvalidFieldError } from './InvalidFieldError';

export const DEFAULT_KEY_HISTORY_SIZE = 10_000;
export const DEFAULT_KEY_MEMORY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** An item's Send Once Key, as the node remembers it (a hash), and how long the node remembers keys. */
export interface SendOnceKey {
	hash: string;
	bounds: KeyMemoryBounds;
}

const KEY_HINT =
	'Map a value that is the same whenever this message would be the same message, e.g. {{ $json.eventId }}-{{ $json.contactId }}, or remove the option to send without it.';

function positiveNumber(field: string, value: unknown, whole: boolean): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0 || (whole && !Number.isInteger(number))) {
		throw new InvalidFieldError(field, `must be a ${whole ? 'whole ' : ''}number above 0, got ${describeValue(value)}`, `Set ${field} to a ${whole ? 'whole ' : ''}number above 0, or remove the option to use its default.`);
	}
	return number;
}

/**
 * The Send Once Key option of an item: undefined when the option is not added; text or a number
 * that is not blank otherwise (an empty key cannot tell two events apart). Key History Size (a
 * whole number) and Forget Keys After (days) bound the node's memory of sent keys.
 */
export function checkSendOnceKey(options: IDataObject): SendOnceKey | undefined {
	if (!('sendOnceKey' in options)) return undefined;
	const { sendOnceKey: key } = options;
	if (typeof key !== 'string' && typeof key !== 'number') {
		throw new InvalidFieldError('Send Once Key', `must be text, got ${describeValue(key)}`, KEY_HINT);
	}
	if (String(key).trim() === '') throw new InvalidFieldError('Send Once Key', 'is empty', KEY_HINT);
	return {
		hash: keyHash(String(key)),
		bounds: {
			maxKeys: positiveNumber('Key History Size', options.sendOnceKeyHistorySize ?? DEFAULT_KEY_HISTORY_SIZE, true),
			maxAgeMs: positiveNumber('Forget Keys After (Days)', options.sendOnceKeyDays ?? DEFAULT_KEY_MEMORY_DAYS, false) * DAY_MS,
		},
	};
}
