import { peakInAnyWindow } from '../../dev/sandbox/requestLog';
import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { REQUEST_TIMES_PATH, type RequestTimesEntry } from '../../dev/sandbox/serveRequestTimes';
import { sendContent, textMessage } from './sandboxClient';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox({ requestsPerSecond: 2 })));
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

async function requestTimes(): Promise<{ status: number; text: string; entries: RequestTimesEntry[] }> {
	const response = await fetch(new URL(REQUEST_TIMES_PATH, sandbox.chatViewUrl));
	const text = await response.text();
	return { status: response.status, text, entries: JSON.parse(text) as RequestTimesEntry[] };
}

describe(REQUEST_TIMES_PATH, () => {
	test('lists every request with its times, channel and status: the same audit as the sandbox itself', async () => {
		await Promise.all(Array.from({ length: 3 }, () => sendContent(sandbox, 'contact-1', textMessage())));
		await sendContent(sandbox, 'contact-1', textMessage(), { token: 'not-a-token' });

		const { status, entries } = await requestTimes();
		expect(status).toBe(200);
		expect(entries).toEqual(
			sandbox.requests().map(({ channel, arrivedAtMs, admittedAtMs, status: answered }) => ({ channel, arrivedAtMs, admittedAtMs, status: answered })),
		);
		expect(entries.map((entry) => entry.status).sort()).toEqual([200, 200, 401, 429]);
		expect(peakInAnyWindow(entries)).toBe(sandbox.peakRequestsInAnyWindow());
		expect(peakInAnyWindow(entries, { statuses: 'admitted' })).toBe(2);
	});

	test('shows no token, path or message, and is not itself an API request', async () => {
		await sendContent(sandbox, 'contact-2', textMessage(), { token: `${sandbox.token}x` });
		await sendContent(sandbox, 'contact-2', textMessage());

		const { text } = await requestTimes();
		expect(text).not.toContain(sandbox.token);
		expect(text).not.toContain('contact-2');
		expect(sandbox.stats().requests).toBe(2);
	});
});
