export const FIRST_BACKOFF_MS = 500;
export const LONGEST_BACKOFF_MS = 8000;

/**
 * The wait before retry number `retry` (1, 2, …) when the API gave no Retry-After:
 * exponential from half a second, capped at 8 s, with jitter (half fixed, half random) so
 * that items refused together do not come back together.
 */
export function backoffDelayMs(retry: number, random: () => number = Math.random): number {
	const exponential = Math.min(LONGEST_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (retry - 1));
	return Math.round(exponential / 2 + random() * (exponential / 2));
}
