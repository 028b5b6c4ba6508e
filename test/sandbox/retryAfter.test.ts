import { retryAfterValue } from '../../dev/sandbox/retryAfter';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 600);

test.each([
	[1, '1'],
	[400, '1'],
	[1000, '1'],
	[1001, '2'],
	[0, '1'],
])('seconds: a wait of %d ms is Retry-After %s (rounded up, at least 1)', (waitMs, expected) => {
	expect(retryAfterValue('seconds', waitMs, NOW)).toBe(expected);
});

test.each([
	[0, 'Fri, 02 Jan 2026 03:04:06 GMT'],
	[400, 'Fri, 02 Jan 2026 03:04:06 GMT'],
	[401, 'Fri, 02 Jan 2026 03:04:07 GMT'],
])('httpDate: a wait of %d ms ends by %s (rounded up to the second)', (waitMs, expected) => {
	expect(retryAfterValue('httpDate', waitMs, NOW)).toBe(expected);
});
