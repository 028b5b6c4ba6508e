/**
 * How a pacer's requests-per-second follow ChatCentral's 429 answers when several n8n
 * processes (queue-mode workers) share a token and none knows the others: multiplicative
 * decrease on a refusal, then an increase that doubles with every quiet second (+1, +2, +4, …),
 * so a process left alone is back at full rate within a few seconds.
 */

/** The rate after a 429: a quarter less, at least 1. */
export function rateAfterRefusal(limit: number): number {
	return Math.max(1, Math.floor(limit * 0.75));
}

/** The rate after the `quietSecond`-th second (1, 2, …) in a row without a 429, never above `max`. */
export function rateAfterQuietSecond(limit: number, quietSecond: number, max: number): number {
	return Math.min(max, limit + 2 ** (quietSecond - 1));
}
