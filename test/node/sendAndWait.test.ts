import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runChatCentral, standardCredentials, viberCredentials } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

// The harness's n8n: instance http://localhost:5678, execution 'harness-execution', node 'node-under-test'.
const RESUME_URL = 'http://localhost:5678/webhook-waiting/harness-execution/node-under-test';

const ask = {
	operation: 'sendAndWait',
	contactId: '={{ $json.contactId }}',
	message: '=Hi {{ $json.name }}, confirm your appointment tomorrow at 10:00?',
};

/** The one text the sandbox accepted, split into its question and its "label: link" lines. */
function sentText(): { contactId: string; question: string; links: Array<{ label: string; url: URL }> } {
	const [message] = sandbox.accepted();
	const element = message.payload.body[0] as { type: string; text: string };
	expect(element.type).toBe('text');
	const [question, links] = element.text.split('\n\n');
	return {
		contactId: message.contactId,
		question,
		links: links.split('\n').map((line) => {
			const at = line.lastIndexOf(': ');
			return { label: line.slice(0, at), url: new URL(line.slice(at + 2)) };
		}),
	};
}

describe('Send and Wait for Response', () => {
	it('sends the first item one text with a signed Approve link and puts the execution to wait, passing its input on', async () => {
		const items = [
			{ contactId: 'c-1', name: 'Ana' },
			{ contactId: 'c-2', name: 'Bruno' },
		];
		const result = await runChatCentral(ask, items, { credentials: standardCredentials(sandbox) });

		expect(result.error).toBeUndefined();
		expect(result.run.waitTill).toEqual(WAIT_INDEFINITELY);
		expect(result.run.status).toBe('waiting');
		expect(sandbox.accepted()).toHaveLength(1);
		const { contactId, question, links } = sentText();
		expect(contactId).toBe('c-1');
		expect(question).toBe('Hi Ana, confirm your appointment tomorrow at 10:00?');
		expect(links.map(({ label }) => label)).toEqual(['✓ Approve']);
		const [approve] = links;
		expect(approve.url.origin + approve.url.pathname).toBe(RESUME_URL);
		expect(approve.url.searchParams.get('approved')).toBe('true');
		expect(approve.url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		expect(result.output.map((item) => item.json)).toEqual(items);
	});

	it('offers Approve and Decline with "Approve and Disapprove", each with its own signed link and label', async () => {
		await runChatCentral(
			{ ...ask, approvalOptions: { values: { approvalType: 'double', approveLabel: 'Yes, book it', disapproveLabel: 'No' } } },
			[{ contactId: 'c-1', name: 'Ana' }],
			{ credentials: standardCredentials(sandbox) },
		);
		const { links } = sentText();
		expect(links.map(({ label, url }) => [label, url.searchParams.get('approved')])).toEqual([
			['Yes, book it', 'true'],
			['No', 'false'],
		]);
		expect(links[0].url.searchParams.get('signature')).not.toBe(links[1].url.searchParams.get('signature'));
	});

	it('free text: one link to the answer form, labelled with Message Button Label', async () => {
		await runChatCentral(
			{ ...ask, responseType: 'freeText', options: { messageButtonLabel: 'Tell us' } },
			[{ contactId: 'c-1', name: 'Ana' }],
			{ credentials: standardCredentials(sandbox) },
		);
		const { links } = sentText();
		expect(links.map(({ label }) => label)).toEqual(['Tell us']);
		expect(links[0].url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
	});

	it('waits until the time limit: after an interval, or at a date', async () => {
		const before = Date.now();
		const interval = await runChatCentral(
			{ ...ask, options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' } } } },
			[{ contactId: 'c-1', name: 'Ana' }],
			{ credentials: standardCredentials(sandbox) },
		);
		const waitTill = interval.run.waitTill?.getTime() ?? 0;
		expect(waitTill).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
		expect(waitTill).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);

		const at = await runChatCentral(
			{ ...ask, options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2031-05-04T10:00:00.000Z' } } } },
			[{ contactId: 'c-1', name: 'Ana' }],
			{ credentials: standardCredentials(sandbox) },
		);
		expect(at.run.waitTill).toEqual(new Date('2031-05-04T10:00:00.000Z'));
	});

	it('sends forceCancelSurvey only when asked, and Base64-encodes the contact on a Viber channel', async () => {
		await runChatCentral({ ...ask, options: { forceCancelSurvey: true } }, [{ contactId: 'vb-7', name: 'Vera' }], {
			credentials: viberCredentials(sandbox),
		});
		const [message] = sandbox.accepted();
		expect(message.contactId).toBe('vb-7');
		expect(message.channel).toBe('viber');
		expect(message.payload.forceCancelSurvey).toBe(true);
	});

	it.each([
		[{ contactId: '={{ $json.crmId }}' }, 'Contact ID of item 1: must be text, got nothing'],
		[{ message: '   ' }, 'Message of item 1: is empty'],
		[{ approvalOptions: { values: { approveLabel: ' ' } } }, 'Approve Button Label of item 1: is empty'],
		[
			{ options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: 'next week' } } } },
			'Limit Wait Time (Max Date and Time) of item 1: must be a date and time, got "next week"',
		],
	])('refuses %j before sending anything: %s', async (change, message) => {
		const result = await runChatCentral({ ...ask, ...change }, [{ contactId: 'c-1', name: 'Ana' }], {
			credentials: standardCredentials(sandbox),
		});
		expect(result.error?.message).toBe(message);
		expect(result.run.status).not.toBe('waiting');
		expect(sandbox.requests()).toEqual([]);
	});

	it("fails with ChatCentral's own message when it refuses the text, and does not wait", async () => {
		const result = await runChatCentral({ ...ask, contactId: 'unknown-contact' }, [{ name: 'Ana' }], {
			credentials: standardCredentials(sandbox),
		});
		expect(result.error?.message).toBe('Contact not found');
		expect(result.run.status).not.toBe('waiting');
	});

	it('goes through the pacing path: a 429 is sent again, and the message is delivered once', async () => {
		sandbox.injectAnswer({ status: 429, message: 'Too many requests' }, 2);
		const result = await runChatCentral(ask, [{ contactId: 'c-1', name: 'Ana' }], { credentials: standardCredentials(sandbox) });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests().map((request) => request.status)).toEqual([429, 429, 200]);
		expect(sandbox.accepted()).toHaveLength(1);
	});

	it('never sends again what may have been delivered, not even with Retry On Fail', async () => {
		sandbox.injectFault({ kind: 'dropAfterBody' });
		const result = await runChatCentral(ask, [{ contactId: 'c-1', name: 'Ana' }], {
			credentials: standardCredentials(sandbox),
			retryOnFail: { maxTries: 3, waitBetweenTries: 0 },
		});
		expect(result.error?.message).toBe('No answer from ChatCentral: the message may have been delivered, so it was not sent again');
		expect(sandbox.requests()).toHaveLength(1);
		expect(sandbox.accepted()).toHaveLength(1);
	});

	it('keeps the channel token out of the error', async () => {
		const result = await runChatCentral(ask, [{ contactId: 'c-1', name: 'Ana' }], {
			credentials: { ...standardCredentials(sandbox), token: 'wrong-token-123' },
		});
		expect(result.error?.message).toBe('API Token is invalid.');
		expect(JSON.stringify(result.run)).not.toContain('wrong-token-123');
	});
});

describe('Send and Wait with Request Options', () => {
	it('an answer slower than the timeout: reported, not resent, and the execution does not wait', async () => {
		sandbox.injectFault({ kind: 'delayAnswer', ms: 1500 });
		const result = await runChatCentral({ ...ask, requestOptions: { timeout: 300 } }, [{ contactId: 'c-1', name: 'Ana' }], {
			credentials: standardCredentials(sandbox),
		});
		expect(result.error?.message).toBe('No answer from ChatCentral: the message may have been delivered, so it was not sent again');
		expect(result.run.status).not.toBe('waiting');
		expect(sandbox.requests()).toHaveLength(1);
	});
});
