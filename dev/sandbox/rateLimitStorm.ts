import { performance } from 'node:perf_hooks';

/**
 * A spell during which the API refuses every request with a valid token with 429, whatever the
 * rate window says, as an overloaded API would. A new storm replaces the one raging.
 */
export class RateLimitStorm {
	private endsAtMs = -Infinity;
	private retryAfterSeconds: number | undefined;

	constructor(private readonly now: () => number = () => performance.now()) {}

	start(durationMs: number, retryAfterSeconds?: number): void {
		if (!Number.isFinite(durationMs) || durationMs < 0) throw new Error('durationMs must be a finite number ≥ 0');
		if (retryAfterSeconds !== undefined && !(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 0)) {
			throw new Error('retryAfterSeconds must be a whole number ≥ 0');
		}
		this.endsAtMs = this.now() + durationMs;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/** While it rages, what its 429s carry (a Retry-After in seconds only when one was given); otherwise null. */
	current(): { retryAfterSeconds: number | undefined } | null {
		return this.now() < this.endsAtMs ? { retryAfterSeconds: this.retryAfterSeconds } : null;
	}

	end(): void {
		this.endsAtMs = -Infinity;
	}
}
