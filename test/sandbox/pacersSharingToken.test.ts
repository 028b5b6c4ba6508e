import { performance } from 'node:perf_hooks';

import { triesThroughPacer } from '../../nodes/ChatCentral/delivery/triesThroughPacer';
import { RequestPacer } from '../../nodes/ChatCentral/pacing/RequestPacer';
import { contactOfRequest } from '../../dev/sandbox/requestContact';
import { startSandbox, type Sandbox, type SandboxRequest } from '../../dev/sandbox/server';
import { sendContent, textMessage } from './sandboxClient';

// Two pacers on one token, each standing for one n8n process (a queue-mode worker: each has its
// own pacer and knows nothing of the other), against the sandbox's sliding 25-per-second window,
// retrying 429s as the node does. Real n8n workers: npm run test:queue.

/** Sends one message per contact through `pacer` with the node's retries (triesThroughPacer). */
async function sendAll(sandbox: Sandbox, pacer: RequestPacer, contacts: string[]): Promise<void> {
	await Promise.all(
		contacts.map(async (contact) => {
			const end = await triesThroughPacer(
				pacer,
				undefined,
				async () => {
					const answer = await sendContent(sandbox, contact, textMessage());
					if (answer.status !== 200) throw answer;
				},
				(failure) => ({ status: (failure as { status: number }).status }),
			);
			if (!('sent' in end)) throw new Error(`${contact}: ${end.kind}`);
		}),
	);
}

/** Of the messages accepted from the small sender's first request to its last, the share it sent. */
function shareWhileBothSent(sandbox: Sandbox, small: string[]): number {
	const smallContacts = new Set(small);
	const isSmall = (request: SandboxRequest) => smallContacts.has(contactOfRequest(request) ?? '');
	const smallArrivals = sandbox.requests().filter(isSmall).map((request) => request.arrivedAtMs);
	const [from, to] = [Math.min(...smallArrivals), Math.max(...smallArrivals)];
	const during = sandbox
		.requests()
		.filter((request) => request.status === 200 && request.arrivedAtMs >= from && request.arrivedAtMs <= to);
	return during.filter(isSmall).length / during.length;
}

describe.each([
	['next door', 0],
	['150 ms away', 75],
])('ChatCentral %s', (_, oneWayDelayMs) => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox({ oneWayDelayMs, delayJitterMs: 3 })));
	afterAll(async () => await sandbox.close());

	it('a process that starts second while another keeps the token busy gets a fair share at once', async () => {
		const busy = Array.from({ length: 400 }, (_, i) => `busy-${i + 1}`);
		const small = Array.from({ length: 100 }, (_, i) => `small-${i + 1}`);
		const busyDone = sendAll(sandbox, new RequestPacer(25), busy);
		// The busy one alone has every slot of the window for two seconds
		const startSmallAt = performance.now() + 2000;
		while (performance.now() < startSmallAt) await new Promise((done) => setTimeout(done, startSmallAt - performance.now()));
		await Promise.all([busyDone, sendAll(sandbox, new RequestPacer(25), small)]);

		const order = sandbox.accepted().map((message) => message.contactId);
		expect([...order].sort()).toEqual([...busy, ...small].sort());
		// Had the busy process kept every slot, the small one would have got nothing until the busy
		// one was done. Sharing, it gets 0.27 to 0.55 while both send (0.44 on average next door,
		// 0.35 150 ms away: runs alone, beside a CPU hog and inside npm test).
		const share = shareWhileBothSent(sandbox, small);
		expect(share).toBeGreaterThan(1 / 5);
		expect(sandbox.peakRequestsInAnyWindow({ statuses: 'admitted' })).toBeLessThanOrEqual(25);
	}, 90_000);
});
