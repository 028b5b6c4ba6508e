import type { Channel } from '../../dev/sandbox/channel';
import { RequestLog, type SandboxRequest } from '../../dev/sandbox/requestLog';

function logOf(arrivals: Array<[number, Channel | null, boolean]>): RequestLog {
	const log = new RequestLog();
	for (const [arrivedAtMs, channel, admitted] of arrivals) {
		const request: SandboxRequest = {
			receivedAt: 0,
			arrivedAtMs,
			admittedAtMs: admitted ? arrivedAtMs : undefined,
			method: 'POST',
			path: '/api/v1/message/sendContent/c',
			channel,
			admitted,
			status: admitted ? 200 : 429,
			message: '',
		};
		log.add(request);
	}
	return log;
}

test('the window is half-open, as the rate window: arrivals exactly windowMs apart are never in one window', () => {
	const log = logOf([
		[0, 'standard', true],
		[999, 'standard', true],
		[1000, 'standard', true],
		[1999, 'standard', true],
	]);
	expect(log.peakInAnyWindow()).toBe(2);
	expect(log.peakInAnyWindow({ windowMs: 1001 })).toBe(3);
});

test('arrivals are counted in time order, whatever the order they were logged in', () => {
	const log = logOf([
		[1500, 'standard', true],
		[0, 'standard', true],
		[1400, 'standard', false],
		[100, 'standard', true],
		[1450, 'standard', true],
	]);
	expect(log.peakInAnyWindow()).toBe(3);
	expect(log.peakInAnyWindow({ statuses: 'admitted' })).toBe(2);
});

test('only the channel asked for counts', () => {
	const log = logOf([
		[0, 'viber', true],
		[1, 'viber', true],
		[2, null, false],
		[3, 'standard', true],
	]);
	expect(log.peakInAnyWindow()).toBe(1);
	expect(log.peakInAnyWindow({ channel: 'viber' })).toBe(2);
});

test("'admitted' counts a request when the rate window took it (its answer), not when its headers arrived", () => {
	const log = new RequestLog();
	// The first one's body took 1.5 s to arrive: the window took it next to the second one
	for (const [arrivedAtMs, admittedAtMs] of [
		[0, 1500],
		[1200, 1201],
	]) {
		log.add({ receivedAt: 0, arrivedAtMs, admittedAtMs, method: 'POST', path: '/api/v1/message/sendContent/c', channel: 'standard', admitted: true, status: 200, message: '' });
	}
	expect(log.peakInAnyWindow({ statuses: 'all' })).toBe(1);
	expect(log.peakInAnyWindow({ statuses: 'admitted' })).toBe(2);
});
