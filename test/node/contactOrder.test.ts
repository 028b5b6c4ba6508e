import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runChatCentral, standardCredentials } from './chatCentralRun';

const sendNumbered = { operation: 'sendText', contactId: '={{ $json.contactId }}', text: '={{ $json.text }}' };

/** `perContact` texts "#1", "#2", … to each of `contactCount` contacts, interleaved: every contact's #1, then every #2, … */
function interleaved(contactCount: number, perContact: number): IDataObject[] {
	return Array.from({ length: perContact }, (_, k) =>
		Array.from({ length: contactCount }, (_, c) => ({ contactId: `c-${c + 1}`, text: `#${k + 1}` })),
	).flat();
}

/** The texts the sandbox accepted, per contact, in the order it accepted them. */
function acceptedPerContact(sandbox: Sandbox): Map<string, string[]> {
	const texts = new Map<string, string[]>();
	for (const message of sandbox.accepted()) {
		if (!message.contactId.startsWith('c-')) continue;
		texts.set(message.contactId, [...(texts.get(message.contactId) ?? []), String(message.payload.body[0].text)]);
	}
	return texts;
}

const numbered = (count: number): string[] => Array.from({ length: count }, (_, k) => `#${k + 1}`);

describe('messages to one contact are accepted in item order', () => {
	// A sandbox of its own per test: a fresh token, so a fresh pacer
	let sandbox: Sandbox;
	afterEach(async () => await sandbox.close());

	it('through 429s from a token shared with another app, a tight limit and answers coming back out of order', async () => {
		// ChatCentral allows 10 per second here while the node paces to 25 and another app sends 3:
		// 429s without Retry-After. Each trip takes 5–35 ms, so requests overtake one another.
		sandbox = await startSandbox({ requestsPerSecond: 10, oneWayDelayMs: 5, delayJitterMs: 30 });
		const competitor = sandbox.startCompetingSender({ requestsPerSecond: 3 });
		const contactCount = 8;
		const perContact = 8;
		try {
			const result = await runChatCentral(sendNumbered, interleaved(contactCount, perContact), {
				credentials: standardCredentials(sandbox),
			});
			expect(result.error).toBeUndefined();
		} finally {
			await competitor.stop();
		}

		const ownRefusals = sandbox.requests().filter((request) => request.status === 429 && request.path.includes('/c-'));
		expect(ownRefusals.length).toBeGreaterThan(0);
		const texts = acceptedPerContact(sandbox);
		expect([...texts.keys()].sort()).toEqual(Array.from({ length: contactCount }, (_, c) => `c-${c + 1}`).sort());
		for (const contactTexts of texts.values()) expect(contactTexts).toEqual(numbered(perContact));
	}, 120_000);

	it('a refused first message is accepted before the second one to the same contact', async () => {
		sandbox = await startSandbox();
		sandbox.injectAnswer({ status: 429, message: 'Too many requests' });
		const items = numbered(3).map((text) => ({ contactId: 'c-1', text }));
		const result = await runChatCentral(sendNumbered, items, { credentials: standardCredentials(sandbox) });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests().map((request) => request.status)).toEqual([429, 200, 200, 200]);
		expect(acceptedPerContact(sandbox).get('c-1')).toEqual(['#1', '#2', '#3']);
	});

	it('after a message that failed for good (a 403), the next ones to the contact are still sent, in order', async () => {
		sandbox = await startSandbox();
		sandbox.injectAnswer({ status: 403, message: 'Contact is blocked' });
		const items = numbered(3).map((text) => ({ contactId: 'c-1', text }));
		const result = await runChatCentral(sendNumbered, items, {
			credentials: standardCredentials(sandbox),
			onError: 'continueRegularOutput',
		});

		expect(result.output.map((item) => item.error?.message)).toEqual(['Contact is blocked', undefined, undefined]);
		expect(acceptedPerContact(sandbox).get('c-1')).toEqual(['#2', '#3']);
	});

	it('a 429 without Retry-After: the item waits a backoff of at least a quarter second before it goes again', async () => {
		sandbox = await startSandbox();
		sandbox.injectAnswer({ status: 429, message: 'Too many requests' });
		const result = await runChatCentral(sendNumbered, [{ contactId: 'c-1', text: '#1' }], {
			credentials: standardCredentials(sandbox),
		});

		expect(result.error).toBeUndefined();
		const [refused, accepted] = sandbox.requests();
		expect([refused.status, accepted.status]).toEqual([429, 200]);
		expect(accepted.arrivedAtMs - refused.arrivedAtMs).toBeGreaterThanOrEqual(250);
	});
});
