import { performance } from 'node:perf_hooks';

/**
 * Admits at most `limit` requests per key within any `windowMs` span (a sliding window, so a
 * burst straddling a second boundary is still limited). Rejected requests are not counted.
 */
export class SlidingWindowRateLimiter<Key> {
	private readonly admittedAt = new Map<Key, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number = () => performance.now(),
	) {}

	/** Takes a slot for `key` if the window has one: returns that moment (the limiter's clock), or undefined when refused. */
	admitAt(key: Key): number | undefined {
		const now = this.now();
		const recent = this.recentAdmissions(key, now);
		if (recent.length >= this.limit) return undefined;
		recent.push(now);
		return now;
	}

	/** How long until `key` would be admitted again: 0 when it would be now. */
	msUntilAdmission(key: Key): number {
		const now = this.now();
		const recent = this.recentAdmissions(key, now);
		if (recent.length < this.limit) return 0;
		return recent[recent.length - this.limit] + this.windowMs - now;
	}

	reset(): void {
		this.admittedAt.clear();
	}

	private recentAdmissions(key: Key, now: number): number[] {
		const recent = (this.admittedAt.get(key) ?? []).filter((time) => now - time < this.windowMs);
		this.admittedAt.set(key, recent);
		return recent;
	}
}
