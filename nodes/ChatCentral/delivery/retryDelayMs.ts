import { backoffDelayMs } from './backoffDelayMs';

/**
 * How long an item waits before try `attempt` + 1 after a try that was certainly not accepted:
 * as long as a 429's Retry-After asked, or else a backoff (the contract: a 429 without
 * Retry-After means "back off"; a connection never made gets the same). The backoff is at least
 * a quarter of a second and grows with each try, with jitter (see backoffDelayMs).
 */
export function retryDelayMs(retryAfterMs: number | undefined, attempt: number, random: () => number = Math.random): number {
	return retryAfterMs ?? backoffDelayMs(attempt, random);
}
