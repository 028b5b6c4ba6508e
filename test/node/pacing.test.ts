import type { IDataObject } from 'n8n-workflow';

import { contactOfRequest } from '../../dev/sandbox/requestContact';
import { peakInAnyWindow } from '../../dev/sandbox/requestLog';
import { startSandbox, type AcceptedMessage, type Sandbox } from '../../dev/sandbox/server';
import { runChatCentral, standardCredentials } from './chatCentralRun';
import { startSandboxProcess, type SandboxProcess } from './sandboxProcess';

// The sandbox allows 25 requests per second per token, as ChatCentral does.
let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const sendToEach = { operation: 'sendText', contactId: '={{ $json.contactId }}', text: '=Hi {{ $json.contactId }}' };

function contacts(count: number, prefix = 'c'): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ contactId: `${prefix}-${i + 1}` }));
}

/** `accepted` defaults to what the shared sandbox accepted for the node, not for a competing sender. */
function expectEachDeliveredOnce(
	expectedIds: string[],
	accepted: AcceptedMessage[] = sandbox.accepted().filter((m) => !m.contactId.startsWith('competitor-')),
) {
	expect(accepted.map((m) => m.contactId).sort()).toEqual([...expectedIds].sort());
}

// Counts what a sandbox in a process of its own received: n8n preparing items holds up the
// clock of one in the test's process (see startSandboxProcess)
async function expectNeverMoreThan25InAnySecond(ownProcess: SandboxProcess) {
	const requests = await ownProcess.requestTimes();
	expect(peakInAnyWindow(requests)).toBeLessThanOrEqual(25);
	expect(requests.filter((request) => request.status === 429)).toEqual([]);
}

describe('pacing to the API limit with no setting touched', () => {
	it('300 items of one run: every message delivered once, never more than 25 requests in any second', async () => {
		const ownProcess = await startSandboxProcess();
		try {
			const items = contacts(300);
			const result = await runChatCentral(sendToEach, items, { credentials: standardCredentials(ownProcess) });

			expect(result.error).toBeUndefined();
			expect(result.output).toHaveLength(300);
			expectEachDeliveredOnce(items.map((item) => String(item.contactId)), ownProcess.accepted());
			await expectNeverMoreThan25InAnySecond(ownProcess);
		} finally {
			await ownProcess.close();
		}
	}, 60_000);

	it('two runs at once on one token share its 25 requests per second: 300 messages, each once', async () => {
		const ownProcess = await startSandboxProcess();
		try {
			const first = contacts(150, 'a');
			const second = contacts(150, 'b');
			const results = await Promise.all([
				runChatCentral(sendToEach, first, { credentials: standardCredentials(ownProcess) }),
				runChatCentral(sendToEach, second, { credentials: standardCredentials(ownProcess) }),
			]);

			expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
			expectEachDeliveredOnce([...first, ...second].map((item) => String(item.contactId)), ownProcess.accepted());
			await expectNeverMoreThan25InAnySecond(ownProcess);
		} finally {
			await ownProcess.close();
		}
	}, 60_000);

	it('another app sending on the same token: the node backs off on 429 and still delivers each message once', async () => {
		const competitor = sandbox.startCompetingSender({ requestsPerSecond: 8 });
		const items = contacts(100);
		try {
			const result = await runChatCentral(sendToEach, items, { credentials: standardCredentials(sandbox) });
			expect(result.error).toBeUndefined();
		} finally {
			await competitor.stop();
		}
		expectEachDeliveredOnce(items.map((item) => String(item.contactId)));
	}, 60_000);
});

describe('a 429 is retried for that item alone', () => {
	it('honours Retry-After: the retry waits as long as ChatCentral asked', async () => {
		sandbox.injectAnswer({ status: 429, message: 'Too many requests', retryAfterSeconds: 2 });
		const result = await runChatCentral(sendToEach, contacts(1), { credentials: standardCredentials(sandbox) });

		expect(result.error).toBeUndefined();
		const [refused, accepted] = sandbox.requests();
		expect([refused.status, accepted.status]).toEqual([429, 200]);
		expect(accepted.arrivedAtMs - refused.arrivedAtMs).toBeGreaterThanOrEqual(2000);
		expectEachDeliveredOnce(['c-1']);
	});

	it('survives a 429 storm without Retry-After: the items it refused are tried again, every message delivered once after it', async () => {
		// A sandbox (so a token, so a pacer) of its own: an earlier test's 429s slowed the shared one
		const stormySandbox = await startSandbox();
		// Long enough that the run meets it even when a busy machine is slow to start it
		stormySandbox.storm(4000);
		try {
			const items = contacts(20);
			const result = await runChatCentral(sendToEach, items, { credentials: standardCredentials(stormySandbox) });

			expect(result.error).toBeUndefined();
			// Each refusal slows the token's pacer down, so the items meet the storm one by one, not all at once
			const refused = new Set(stormySandbox.requests().filter((request) => request.status === 429).map(contactOfRequest));
			expect(refused.size).toBeGreaterThanOrEqual(2);
			const delivered = stormySandbox.accepted().map((message) => message.contactId);
			expect(delivered.sort()).toEqual(items.map((item) => String(item.contactId)).sort());
		} finally {
			await stormySandbox.close();
		}
	}, 60_000);

	it('gives up at once when asked to wait longer than its minute: a tried item with the API message and its attempts, a waiting one untried', async () => {
		// A sandbox (so a token, so a pacer) of its own: the long Retry-After pauses it for everyone
		const busySandbox = await startSandbox();
		busySandbox.storm(120_000, 120);
		try {
			const items = contacts(30);
			const result = await runChatCentral(sendToEach, items, {
				credentials: standardCredentials(busySandbox),
				onError: 'continueRegularOutput',
			});

			const messages = result.output.map((item) => item.error?.message);
			const triedOnce = 'Too many requests (tried once)';
			const untried = 'Too many requests (not tried: ChatCentral asked to wait 120 s before the next request with this token)';
			// The first window's items may each meet the 429 before the pause; the others wait in the
			// pacer, and none of them waits out the two minutes (the test would time out)
			for (const message of messages) expect([triedOnce, untried]).toContain(message);
			expect(messages.slice(25)).toEqual(Array(5).fill(untried));
			expect(busySandbox.requests().length).toBe(messages.filter((message) => message === triedOnce).length);
			expect(result.output[0].error?.description).toMatch(/It was not delivered/);
			expect(result.output[29].error?.description).toMatch(/so this one was not sent/);
			expect(result.output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			expect(busySandbox.accepted()).toEqual([]);
		} finally {
			await busySandbox.close();
		}
	});

	it('a refused item keeps its place: it goes again ahead of every item that asked after it', async () => {
		// A sandbox (so a token, so a pacer) of its own: the first window is this run's alone
		const ownSandbox = await startSandbox();
		ownSandbox.injectAnswer({ status: 429, message: 'Too many requests' });
		try {
			const items = contacts(60);
			const result = await runChatCentral(sendToEach, items, { credentials: standardCredentials(ownSandbox) });

			expect(result.error).toBeUndefined();
			const refused = ownSandbox.requests().find((request) => request.status === 429);
			const order = ownSandbox.accepted().map((message) => message.contactId);
			expect([...order].sort()).toEqual(items.map((item) => String(item.contactId)).sort());
			// It goes first in the next window (a busy machine may put a few requests on the wire
			// out of order); sent to the back of the queue, it went last, after the 35 that asked later
			expect(order.indexOf(contactOfRequest(refused!) ?? '')).toBeLessThan(25 + 10);
		} finally {
			await ownSandbox.close();
		}
	});

	it('keeps other items flowing: one item refused, the rest of the run is sent once', async () => {
		sandbox.injectAnswer({ status: 429, message: 'Too many requests' });
		const items = contacts(5);
		const result = await runChatCentral(sendToEach, items, { credentials: standardCredentials(sandbox) });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests()).toHaveLength(6);
		expectEachDeliveredOnce(items.map((item) => String(item.contactId)));
	});
});

describe('never resending what may have been delivered', () => {
	it('connection dropped after ChatCentral read the message: reported on the item, not resent', async () => {
		sandbox.injectFault({ kind: 'dropAfterBody' });
		const result = await runChatCentral(sendToEach, contacts(1), {
			credentials: standardCredentials(sandbox),
			onError: 'continueRegularOutput',
		});

		expect(result.output[0].error?.message).toBe(
			'No answer from ChatCentral: the message may have been delivered, so it was not sent again',
		);
		expect(result.output[0].error?.description).toMatch(/Check the contact's conversation/);
		expect(sandbox.requests()).toHaveLength(1);
		expect(sandbox.accepted()).toHaveLength(1);
	});

	it('connection dropped before ChatCentral read the message: the client cannot tell, so the same report, not resent', async () => {
		sandbox.injectFault({ kind: 'dropBeforeBody' });
		const result = await runChatCentral(sendToEach, contacts(1), {
			credentials: standardCredentials(sandbox),
			onError: 'continueRegularOutput',
		});

		expect(result.output[0].error?.message).toBe(
			'No answer from ChatCentral: the message may have been delivered, so it was not sent again',
		);
		expect(sandbox.requests()).toHaveLength(1);
		expect(sandbox.accepted()).toEqual([]);
	});

	it('an answer slower than the node timeout: reported, not resent, and ChatCentral got it once', async () => {
		sandbox.injectFault({ kind: 'delayAnswer', ms: 1500 });
		const result = await runChatCentral(
			{ ...sendToEach, requestOptions: { timeout: 300 } },
			contacts(1),
			{ credentials: standardCredentials(sandbox), onError: 'continueRegularOutput' },
		);

		expect(result.output[0].error?.message).toBe(
			'No answer from ChatCentral: the message may have been delivered, so it was not sent again',
		);
		expect(sandbox.requests()).toHaveLength(1);
		expect(sandbox.accepted()).toHaveLength(1);
	});

	it('401, 403 and 405 are final: one request each', async () => {
		sandbox.injectAnswer({ status: 405, message: '405 Method Not Allowed.' });
		const items = [{ contactId: 'c-1' }, { contactId: 'unknown-2' }];
		await runChatCentral(sendToEach, items, {
			credentials: standardCredentials(sandbox),
			onError: 'continueRegularOutput',
		});
		await runChatCentral(sendToEach, contacts(1), {
			credentials: { ...standardCredentials(sandbox), token: 'wrong-token' },
			onError: 'continueRegularOutput',
		});

		expect(sandbox.requests().map((r) => r.status).sort()).toEqual([401, 403, 405]);
		expect(sandbox.accepted()).toEqual([]);
	});
});

describe("the node setting Retry On Fail, which runs every item again", () => {
	it('does not send again what an earlier try delivered or may have delivered', async () => {
		sandbox.injectFault({ kind: 'dropAfterBody' });
		const items = [{ contactId: 'c-1' }, { contactId: 'unknown-2' }, { contactId: 'c-3' }];
		const result = await runChatCentral(sendToEach, items, {
			credentials: standardCredentials(sandbox),
			retryOnFail: { maxTries: 3, waitBetweenTries: 0 },
		});

		expect(result.error).toBeDefined();
		const requestsTo = (id: string) => sandbox.requests().filter((r) => r.path.endsWith(`/${id}`));
		const dropped = sandbox.requests().find((r) => r.status === 0)?.path.split('/').pop();
		// each message is accepted once; the one whose answer was lost is never sent again;
		// the unknown contact is refused on each of the 3 tries (unless its answer was the lost one)
		expect(sandbox.accepted().map((m) => m.contactId).sort()).toEqual(['c-1', 'c-3']);
		expect(requestsTo('c-1')).toHaveLength(1);
		expect(requestsTo('c-3')).toHaveLength(1);
		expect(requestsTo('unknown-2')).toHaveLength(dropped === 'unknown-2' ? 1 : 3);
	});
});
