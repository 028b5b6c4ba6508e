import { performance } from 'node:perf_hooks';
import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { sendContent, sleep, textMessage } from './sandboxClient';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

function competitorIds(count: number): string[] {
	return Array.from({ length: count }, (_, index) => `competitor-${index + 1}`);
}

function sorted(ids: string[]): string[] {
	return [...ids].sort();
}

test('at 10 requests/s for 1.2 s it sends about a dozen valid messages, all accepted and recorded', async () => {
	const startedAt = performance.now();
	const sender = sandbox.startCompetingSender({ requestsPerSecond: 10 });
	await sleep(1200);
	const stoppedAt = performance.now();
	const summary = await sender.stop();

	expect(summary.sent).toBeGreaterThanOrEqual(10);
	// One request at the start, then one every 100 ms: never more than the time allowed.
	expect(summary.sent).toBeLessThanOrEqual(Math.floor((stoppedAt - startedAt) / 100) + 1);
	expect(summary).toEqual({ sent: summary.sent, accepted: summary.sent, refused: 0 });

	const accepted = sandbox.accepted();
	expect(sorted(accepted.map(({ contactId }) => contactId))).toEqual(sorted(competitorIds(summary.sent)));
	for (const message of accepted) {
		expect(message).toMatchObject({ channel: 'standard', contactSegment: message.contactId });
		expect(message.payload).toEqual({ body: [{ type: 'text', text: expect.any(String) }] });
	}
	expect(sandbox.requests().map(({ status, channel }) => [status, channel])).toEqual(
		Array(summary.sent).fill([200, 'standard']),
	);
});

test('on the Viber channel it sends Base64-encoded contact IDs with the Viber token', async () => {
	const sender = sandbox.startCompetingSender({ channel: 'viber', requestsPerSecond: 20 });
	await sleep(200);
	const summary = await sender.stop();

	expect(summary.accepted).toBe(summary.sent);
	const accepted = sandbox.accepted();
	expect(sorted(accepted.map(({ contactId }) => contactId))).toEqual(sorted(competitorIds(summary.sent)));
	for (const message of accepted) {
		expect(message.channel).toBe('viber');
		expect(message.contactSegment).toBe(encodeURIComponent(Buffer.from(message.contactId).toString('base64')));
	}
});

test('it shares the rate window with direct requests on the same token', async () => {
	const sender = sandbox.startCompetingSender({ requestsPerSecond: 20 });
	await sleep(1100);
	const direct = await Promise.all(Array.from({ length: 10 }, () => sendContent(sandbox, 'direct', textMessage())));
	const summary = await sender.stop();

	const directStatuses = direct.map(({ status }) => status);
	expect(directStatuses.filter((status) => status === 429).length).toBeGreaterThan(0);
	expect(directStatuses.every((status) => status === 200 || status === 429)).toBe(true);
	expect(summary.accepted + summary.refused).toBe(summary.sent);
	const directAccepted = directStatuses.filter((status) => status === 200).length;
	expect(sandbox.accepted()).toHaveLength(summary.accepted + directAccepted);
	expect(sandbox.peakRequestsInAnyWindow({ statuses: 'admitted' })).toBeLessThanOrEqual(25);
});

test('a 429 is counted as refused and never retried', async () => {
	sandbox.storm(60_000);
	const sender = sandbox.startCompetingSender({ requestsPerSecond: 20 });
	await sleep(300);
	const summary = await sender.stop();

	expect(summary.sent).toBeGreaterThan(0);
	expect(summary).toEqual({ sent: summary.sent, accepted: 0, refused: summary.sent });
	expect(sandbox.requests()).toHaveLength(summary.sent);
});

test('reset() does not stop it', async () => {
	const sender = sandbox.startCompetingSender({ requestsPerSecond: 20 });
	try {
		// Only the first request has gone out yet: a second one is sent after the reset.
		sandbox.reset();
		await waitUntil(() => sandbox.accepted().length >= 2);
	} finally {
		await sender.stop();
	}
});

test('close() stops it; stop() then still tells what it did', async () => {
	const other = await startSandbox();
	const sender = other.startCompetingSender({ requestsPerSecond: 20 });
	await waitUntil(() => other.accepted().length > 0);
	await other.close();

	const atClose = await sender.stop();
	expect(atClose.accepted).toBeGreaterThan(0);
	await sleep(200);
	expect(await sender.stop()).toEqual(atClose);
});

test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('requestsPerSecond %p is refused', (requestsPerSecond) => {
	expect(() => sandbox.startCompetingSender({ requestsPerSecond })).toThrow('requestsPerSecond must be a positive number');
});

async function waitUntil(condition: () => boolean): Promise<void> {
	while (!condition()) await sleep(10);
}
