/**
 * How a pacer's requests-per-second follow ChatCentral's 429 answers when several n8n
 * processes (queue-mode workers) share a token and none knows the others: a cut on a refusal,
 * then, after half a second without one, an increase that doubles with every further quiet
 * quarter-second (+1, +2, +4, …), so a process left alone (the others done) is back at full rate
 * within about 1.5 s.
 */

/** How long without a 429 earns the next step of the increase (see rateAfterQuietStep). */
export const QUIET_STEP_MS = 250;

/**
 * The rate after a 429 in a window of `windowSize` where ChatCentral had taken `accepted` of this
 * pacer's requests: a quarter less (at least 1), but not below the pacer's share of that full
 * window as long as the others had at least as much. The senders' shares of a full window add up
 * to the token's rate, so settling on fair shares leaves none of it unused; a sender holding more
 * than all the others together gives up a quarter, which is how shares even out.
 */
export function rateAfterRefusal(limit: number, accepted: number, windowSize: number): number {
	const fairShare = Math.min(accepted, windowSize - accepted);
	return Math.min(limit, Math.max(1, Math.floor(limit * 0.75), fairShare));
}

/**
 * The rate after the `quietStep`-th quiet step (1, 2, …) in a row without a 429: nothing for the
 * first, then +1, +2, +4, …, never above `max`. Waiting two steps for the first +1 keeps workers
 * that share a token from probing above their shares every step (each probe costs 429s); the
 * doubling after it gives a worker whose partners are done the full rate back within about 1.5 s.
 */
export function rateAfterQuietStep(limit: number, quietStep: number, max: number): number {
	if (quietStep < 2) return limit;
	return Math.min(max, limit + 2 ** (quietStep - 2));
}
