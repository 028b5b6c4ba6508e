import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { describeValue } from '../fieldChecks/describeValue';
import { InvalidFieldError } from '../fieldChecks/InvalidFieldError';

/** Options → Limit Wait Time, as n8n's send-and-wait nodes name its values. */
export interface WaitLimit {
	limitType?: 'afterTimeInterval' | 'atSpecifiedTime';
	resumeAmount?: number;
	resumeUnit?: 'minutes' | 'hours' | 'days';
	maxDateAndTime?: string;
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
const FIELD = 'Limit Wait Time';

/**
 * Until when the workflow waits for the answer: for ever without a limit, else after the
 * interval from `now` or at the date given (the workflow then goes on without an answer).
 */
export function waitUntil(limit: WaitLimit | undefined, now: number = Date.now()): Date {
	if (limit === undefined || limit.limitType === undefined) return WAIT_INDEFINITELY;
	if (limit.limitType === 'atSpecifiedTime') {
		const date = new Date(limit.maxDateAndTime ?? '');
		if (limit.maxDateAndTime === undefined || limit.maxDateAndTime === '' || Number.isNaN(date.getTime())) {
			throw new InvalidFieldError(
				`${FIELD} (Max Date and Time)`,
				`must be a date and time, got ${describeValue(limit.maxDateAndTime)}`,
				'Pick a date and time, or map one such as {{ $now.plus(1, "day") }}.',
			);
		}
		return date;
	}
	const amount = Number(limit.resumeAmount);
	const unitMs = UNIT_MS[limit.resumeUnit ?? 'hours'];
	if (!Number.isFinite(amount) || amount < 0 || unitMs === undefined) {
		throw new InvalidFieldError(
			`${FIELD} (Amount)`,
			`must be a number of minutes, hours or days, got ${describeValue(limit.resumeAmount)}`,
			'Give how long to wait for the answer, e.g. 45 minutes.',
		);
	}
	return new Date(now + amount * unitMs);
}
