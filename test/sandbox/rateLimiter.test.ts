import { SlidingWindowRateLimiter } from '../../dev/sandbox/rateLimiter';

function limiterWithClock(limit: number, windowMs: number) {
	const clock = { now: 0 };
	const limiter = new SlidingWindowRateLimiter<string>(limit, windowMs, () => clock.now);
	const admitAt = (time: number, key = 'a') => {
		clock.now = time;
		return limiter.admitAt(key) !== undefined;
	};
	const msUntilAdmissionAt = (time: number, key = 'a') => {
		clock.now = time;
		return limiter.msUntilAdmission(key);
	};
	return { limiter, admitAt, msUntilAdmissionAt };
}

test('admits `limit` requests per window and refuses the next', () => {
	const { admitAt } = limiterWithClock(3, 1000);
	expect([admitAt(0), admitAt(10), admitAt(20), admitAt(30)]).toEqual([true, true, true, false]);
});

test('the window slides: a request frees its place exactly windowMs after it was admitted', () => {
	const { admitAt } = limiterWithClock(3, 1000);
	admitAt(0);
	admitAt(500);
	admitAt(600);
	expect(admitAt(999)).toBe(false);
	expect(admitAt(1000)).toBe(true);
	expect(admitAt(1001)).toBe(false);
	expect(admitAt(1500)).toBe(true);
});

test('a burst straddling a second boundary is still limited (no fixed buckets)', () => {
	const { admitAt } = limiterWithClock(2, 1000);
	expect([admitAt(990), admitAt(995), admitAt(1005), admitAt(1010)]).toEqual([true, true, false, false]);
});

test('refused requests do not count', () => {
	const { admitAt } = limiterWithClock(1, 1000);
	expect(admitAt(0)).toBe(true);
	for (let time = 100; time < 1000; time += 100) expect(admitAt(time)).toBe(false);
	expect(admitAt(1000)).toBe(true);
});

test('keys are limited independently', () => {
	const { admitAt } = limiterWithClock(1, 1000);
	expect([admitAt(0, 'a'), admitAt(0, 'b'), admitAt(1, 'a'), admitAt(1, 'b')]).toEqual([true, true, false, false]);
});

test('reset() forgets every window', () => {
	const { limiter, admitAt } = limiterWithClock(1, 1000);
	admitAt(0);
	limiter.reset();
	expect(admitAt(1)).toBe(true);
});

test('msUntilAdmission() is 0 while a slot is free, then the time until the oldest admission leaves the window', () => {
	const { admitAt, msUntilAdmissionAt } = limiterWithClock(2, 1000);
	expect(msUntilAdmissionAt(0)).toBe(0);
	admitAt(100);
	expect(msUntilAdmissionAt(150)).toBe(0);
	admitAt(400);
	expect(msUntilAdmissionAt(700)).toBe(400);
	expect(admitAt(1099)).toBe(false);
	expect(msUntilAdmissionAt(1099)).toBe(1);
	expect(admitAt(1100)).toBe(true);
	expect(msUntilAdmissionAt(1100)).toBe(300);
	expect(msUntilAdmissionAt(0, 'b')).toBe(0);
});

test('an admission returns the moment it took its slot, on the limiter\'s clock; a refusal returns undefined', () => {
	const clock = { now: 250 };
	const limiter = new SlidingWindowRateLimiter<string>(1, 1000, () => clock.now);
	expect(limiter.admitAt('a')).toBe(250);
	clock.now = 900;
	expect(limiter.admitAt('a')).toBeUndefined();
});
