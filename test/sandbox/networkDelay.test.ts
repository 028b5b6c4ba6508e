import { performance } from 'node:perf_hooks';

import { oneTripMs } from '../../dev/sandbox/networkDelay';
import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { sendContent, textMessage } from './sandboxClient';

const ONE_WAY_MS = 60;

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox({ oneWayDelayMs: ONE_WAY_MS, delayJitterMs: 5, requestsPerSecond: 2 })));
beforeEach(() => sandbox.reset());
afterAll(async () => await sandbox.close());

it('a trip takes the one-way delay plus up to the jitter', () => {
	const delay = { oneWayMs: 75, jitterMs: 4 };
	expect(oneTripMs(delay, () => 0)).toBe(75);
	expect(oneTripMs(delay, () => 0.5)).toBe(77);
	expect(oneTripMs(delay, () => 0.999)).toBeCloseTo(78.996);
});

it('a request arrives a trip after it was sent, and its answer comes back a trip after it arrived', async () => {
	const sentAt = performance.now();
	expect((await sendContent(sandbox, 'far-1', textMessage())).status).toBe(200);
	const answeredAt = performance.now();

	const [request] = sandbox.requests();
	// Timers fire no earlier than asked, rounded to whole milliseconds
	expect(request.arrivedAtMs - sentAt).toBeGreaterThanOrEqual(ONE_WAY_MS - 1);
	expect(answeredAt - request.arrivedAtMs).toBeGreaterThanOrEqual(ONE_WAY_MS - 1);
});

it('the rate window counts a request when it arrives, not when it was sent', async () => {
	// Two slots per second: the first two take them on arrival
	const [first] = await Promise.all([sendContent(sandbox, 'far-1', textMessage()), sendContent(sandbox, 'far-2', textMessage())]);
	expect(first.status).toBe(200);
	const firstArrival = Math.min(...sandbox.requests().map((request) => request.arrivedAtMs));
	// Sent before that arrival's second is over, but arriving after it: admitted
	const wait = firstArrival + 1000 - ONE_WAY_MS / 2 - performance.now();
	await new Promise((done) => setTimeout(done, wait));
	expect((await sendContent(sandbox, 'far-3', textMessage())).status).toBe(200);
	expect(sandbox.requests()[2].arrivedAtMs - firstArrival).toBeGreaterThanOrEqual(1000);
});

it('refuses a negative or non-numeric delay', async () => {
	await expect(startSandbox({ oneWayDelayMs: -1 })).rejects.toThrow('oneWayDelayMs must be a finite number ≥ 0');
	await expect(startSandbox({ delayJitterMs: Number.NaN })).rejects.toThrow('delayJitterMs must be a finite number ≥ 0');
});
