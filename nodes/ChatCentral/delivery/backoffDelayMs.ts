export const FIRST_BACKOFF_MS = 500;
// Every 429 also slows the token's pacer for all its items; an item's own wait only keeps items
// refused together from coming back together. At most 4 s, so that an item gets about 20 tries in
// its minute when many senders share the token (at 8 s, about 13: 6 of 1,500 failed at 50 senders).
export const LONGEST_BACKOFF_MS = 4000;

/**
 * The wait before retry number `retry` (1, 2, …) when the API gave no Retry-After:
 * exponential from half a second, capped at 4 s, with jitter (half fixed, half random) so
 * that items refused together do not come back together.
 */
export function backoffDelayMs(retry: number, random: () => number = Math.random): number {
	const exponential = Math.min(LONGEST_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (retry - 1));
	return Math.round(exponential / 2 + random() * (exponential / 2));
}
