/**
 * How long a 429's `Retry-After` asks to wait: delay-seconds or an HTTP date. Undefined
 * when absent or unreadable (the contract documents none, so it is honoured when present).
 */
export function retryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
	if (typeof header !== 'string' || header.trim() === '') return undefined;
	const value = header.trim();
	if (/^\d+$/.test(value)) return Number(value) * 1000;
	// An HTTP date always names its month ("Wed, 25 Nov 2026 12:00:02 GMT")
	const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}
