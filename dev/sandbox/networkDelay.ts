/**
 * The network between a client and a faraway ChatCentral: each request travels `oneWayMs` plus
 * up to `jitterMs` (at random) to reach the API, and its answer as long again to come back. The
 * rate window counts a request when it arrives, after its trip out, as the real API does.
 */
export interface NetworkDelay {
	oneWayMs: number;
	jitterMs: number;
}

export const NO_NETWORK_DELAY: NetworkDelay = { oneWayMs: 0, jitterMs: 0 };

export function assertValidNetworkDelay({ oneWayMs, jitterMs }: NetworkDelay): void {
	if (!Number.isFinite(oneWayMs) || oneWayMs < 0) throw new Error('oneWayDelayMs must be a finite number ≥ 0');
	if (!Number.isFinite(jitterMs) || jitterMs < 0) throw new Error('delayJitterMs must be a finite number ≥ 0');
}

/** How long one trip, out or back, takes this time. */
export function oneTripMs({ oneWayMs, jitterMs }: NetworkDelay, random: () => number = Math.random): number {
	return oneWayMs + random() * jitterMs;
}
