import { backoffDelayMs, FIRST_BACKOFF_MS, LONGEST_BACKOFF_MS } from '../../nodes/ChatCentral/delivery/backoffDelayMs';
import { retryAfterMs } from '../../nodes/ChatCentral/delivery/retryAfterMs';
import { retryDelayMs } from '../../nodes/ChatCentral/delivery/retryDelayMs';
import { sendFailure } from '../../nodes/ChatCentral/delivery/sendFailure';

describe('retryAfterMs', () => {
	const now = Date.parse('2026-11-25T12:00:00Z');

	it('reads delay-seconds', () => {
		expect(retryAfterMs('3', now)).toBe(3000);
		expect(retryAfterMs(' 0 ', now)).toBe(0);
	});

	it('reads an HTTP date as the time until then, never negative', () => {
		expect(retryAfterMs('Wed, 25 Nov 2026 12:00:02 GMT', now)).toBe(2000);
		expect(retryAfterMs('Wed, 25 Nov 2026 11:59:00 GMT', now)).toBe(0);
	});

	it('is undefined when absent or unreadable', () => {
		expect(retryAfterMs(undefined, now)).toBeUndefined();
		expect(retryAfterMs('', now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs('-1', now)).toBeUndefined();
	});
});

describe('backoffDelayMs', () => {
	it('doubles from half a second up to 4 s, half of it random', () => {
		const lowest = () => 0;
		const highest = () => 1;
		expect([1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelayMs(retry, highest))).toEqual([
			500, 1000, 2000, 4000, 4000, 4000, 4000,
		]);
		expect(backoffDelayMs(1, lowest)).toBe(FIRST_BACKOFF_MS / 2);
		expect(backoffDelayMs(9, lowest)).toBe(LONGEST_BACKOFF_MS / 2);
	});
});

describe('sendFailure', () => {
	it('retries what was certainly not accepted', () => {
		expect(sendFailure(429, undefined)).toBe('refusedForRate');
		for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']) {
			expect(sendFailure(undefined, code)).toBe('notSent');
		}
	});

	it('never resends what may have been delivered', () => {
		// ERR_FR_REDIRECTION_FAILURE: a redirect n8n would not follow, an answer that is no "Message Sent"
		for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_FR_REDIRECTION_FAILURE', undefined]) {
			expect(sendFailure(undefined, code)).toBe('mayHaveBeenDelivered');
		}
	});

	it('takes every other answer of ChatCentral as final', () => {
		for (const status of [401, 403, 404, 405, 500, 502, 503]) expect(sendFailure(status, undefined)).toBe('final');
	});
});

describe('retryDelayMs', () => {
	it('waits as long as a Retry-After asks', () => {
		expect(retryDelayMs(2000, 1, () => 0)).toBe(2000);
		expect(retryDelayMs(0, 3, () => 1)).toBe(0);
	});

	it('without Retry-After backs off: at least a quarter of a second, growing with each try', () => {
		expect(retryDelayMs(undefined, 1, () => 0)).toBe(250);
		expect(retryDelayMs(undefined, 1, () => 1)).toBe(500);
		expect(retryDelayMs(undefined, 2, () => 0)).toBe(500);
		expect(retryDelayMs(undefined, 3, () => 0)).toBe(1000);
	});
});
