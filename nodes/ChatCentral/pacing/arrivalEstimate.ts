/**
 * When a request reached ChatCentral, as the next request in its window reckons it, from its
 * start, its answer (undefined while unanswered) and the shortest round trip seen so far.
 *
 * It reached ChatCentral before its answer by at least the trip back, and the next request will
 * take at least the trip out to get there, so the next one may start a second after the answer
 * less both trips. Neither trip is known alone; their sum is never shorter than the shortest
 * round trip seen, so that is taken off. A request arrives after its start, so never earlier
 * than that; never before its answer while no round trip is known; Infinity while unanswered.
 */
export function arrivalEstimate(startedAt: number, answeredAt: number | undefined, shortestRoundTripMs: number): number {
	if (answeredAt === undefined) return Infinity;
	if (!Number.isFinite(shortestRoundTripMs)) return answeredAt;
	return Math.max(startedAt, answeredAt - shortestRoundTripMs);
}
