export const RETRY_AFTER_MODES = ['seconds', 'httpDate'] as const;

/** How a 429 tells when to retry: `Retry-After: 1` or `Retry-After: Wed, 21 Oct 2026 07:28:01 GMT`. */
export type RetryAfterMode = (typeof RETRY_AFTER_MODES)[number];

export function assertRetryAfterMode(mode: RetryAfterMode | undefined): void {
	if (mode !== undefined && !RETRY_AFTER_MODES.includes(mode)) {
		throw new Error(`retryAfter must be one of ${RETRY_AFTER_MODES.join(', ')} or undefined`);
	}
}

/**
 * The Retry-After value for a wait of `waitMs`, rounded up to whole seconds in both forms
 * (an HTTP date has no finer precision) so that a client honouring it is never early.
 */
export function retryAfterValue(mode: RetryAfterMode, waitMs: number, nowEpochMs = Date.now()): string {
	if (mode === 'seconds') return String(Math.max(1, Math.ceil(waitMs / 1000)));
	return new Date(Math.ceil((nowEpochMs + waitMs) / 1000) * 1000).toUTCString();
}
