import { RequestPacer, WINDOW_MS } from '../../nodes/ChatCentral/pacing/RequestPacer';
import { backoffDelayMs } from '../../nodes/ChatCentral/delivery/backoffDelayMs';
import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { sendContent, textMessage } from './sandboxClient';

// Two pacers on one token, each standing for one n8n process (a queue-mode worker: each has its
// own pacer and knows nothing of the other), against the sandbox's sliding 25-per-second window,
// retrying 429s as the node does. Real n8n workers: npm run test:queue.

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());

/** Sends one message per contact through `pacer` as sendPaced does: acquire, send, retry a 429 after its backoff. */
async function sendAll(pacer: RequestPacer, contacts: string[]): Promise<void> {
	await Promise.all(
		contacts.map(async (contact) => {
			for (let attempt = 1; attempt <= 30; attempt++) {
				const slot = await pacer.acquire();
				const answer = await sendContent(sandbox, contact, textMessage()).finally(() => slot.finished());
				if (answer.status !== 429) return;
				pacer.rateLimited(WINDOW_MS);
				await new Promise((done) => setTimeout(done, backoffDelayMs(attempt)));
			}
			throw new Error(`${contact}: still refused after 30 tries`);
		}),
	);
}

it('a process that started second still gets its turn: the first does not keep every slot the window frees', async () => {
	const busy = Array.from({ length: 400 }, (_, i) => `busy-${i + 1}`);
	const small = Array.from({ length: 100 }, (_, i) => `small-${i + 1}`);
	await Promise.all([sendAll(new RequestPacer(25), busy), sendAll(new RequestPacer(25), small)]);

	const accepted = sandbox.accepted();
	expect(accepted.map((message) => message.contactId).sort()).toEqual([...busy, ...small].sort());
	// Had the busy process kept every slot (as it did before windows reopened at a random
	// moment), the small one would finish after it. Sharing, it finishes while the busy one is
	// well under way.
	const order = accepted.map((message) => message.contactId);
	const smallDone = Math.max(...small.map((contact) => order.indexOf(contact)));
	const busyBeforeSmallDone = order.slice(0, smallDone).filter((contact) => contact.startsWith('busy-')).length;
	expect(busyBeforeSmallDone).toBeLessThan(busy.length * 0.8);
	expect(sandbox.peakRequestsInAnyWindow({ statuses: 'admitted' })).toBeLessThanOrEqual(25);
}, 90_000);
