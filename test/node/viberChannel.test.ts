import type { NodeApiError } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runChatCentral, standardCredentials, textTo, viberCredentials } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const base64 = (id: string) => Buffer.from(id, 'utf8').toString('base64');

// Non-ASCII, '/', '+', '?' and spaces in the IDs; '+', '/' and '=' padding in their Base64.
const slovenianContact = '+385 91 Božena/ ?lang=sl';
const spanishContact = 'María José / +34? Ñu';
const viberContacts = [slovenianContact, spanishContact];

it('the Viber contact IDs exercise every character Base64 adds to a path segment', () => {
	expect(base64(slovenianContact)).toBe('KzM4NSA5MSBCb8W+ZW5hLyA/bGFuZz1zbA==');
	expect(base64(spanishContact)).toBe('TWFyw61hIEpvc8OpIC8gKzM0PyDDkXU=');
	for (const id of viberContacts) {
		expect(id).toMatch(/[^\x00-\x7f]/);
		for (const character of ['/', '+', '?', ' ']) expect(id).toContain(character);
	}
});

describe('Viber Channel on, with a Viber channel token', () => {
	it.each(viberContacts)('sends %j Base64-encoded, then percent-encoded, once', async (contactId) => {
		const result = await runChatCentral(textTo(contactId, 'Hola'), [{}], { credentials: viberCredentials(sandbox) });

		expect(result.error).toBeUndefined();
		const accepted = sandbox.accepted();
		expect(accepted).toHaveLength(1);
		expect(accepted[0]).toMatchObject({
			channel: 'viber',
			contactId,
			contactSegment: encodeURIComponent(base64(contactId)),
			payload: { body: [{ type: 'text', text: 'Hola' }] },
		});
		expect(sandbox.requests().map((r) => r.status)).toEqual([200]);
		// The output reports the contact ID as the user gave it, not its Base64 form.
		expect(result.output.map((item) => item.json)).toEqual([
			{ contactId, messageType: 'text', status: 'Success', message: 'Message Sent', data: [] },
		]);
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('the Viber Channel switch must match the channel of the token', () => {
	it.each(['contact-1', slovenianContact])(
		'off with a Viber token: ChatCentral refuses %j, and the node fails with its message',
		async (contactId) => {
			const result = await runChatCentral(textTo(contactId, 'Hola'), [{}], {
				credentials: { ...viberCredentials(sandbox), viberChannel: false },
			});

			expect(result.error).toMatchObject({
				name: 'NodeApiError',
				message: 'Contact ID must be Base64-encoded for Viber channels',
				httpCode: '403',
			});
			expect((result.error as NodeApiError).description).toMatch(/contact ID belongs to a contact of this channel/);
			expect(sandbox.accepted()).toEqual([]);
			expect(sandbox.requests().map((r) => [r.status, r.channel])).toEqual([[403, 'viber']]);
		},
	);

	it('on with a standard token: the standard channel receives the Base64 text as the contact ID', async () => {
		// Documents a misconfiguration the node cannot detect: the token does not say which
		// channel it belongs to, so the message goes to a contact whose ID is the Base64 text.
		const result = await runChatCentral(textTo(slovenianContact, 'Hola'), [{}], {
			credentials: { ...standardCredentials(sandbox), viberChannel: true },
		});

		expect(result.error).toBeUndefined();
		const accepted = sandbox.accepted();
		expect(accepted).toHaveLength(1);
		expect(accepted[0]).toMatchObject({
			channel: 'standard',
			contactId: base64(slovenianContact),
			contactSegment: encodeURIComponent(base64(slovenianContact)),
		});
		expect(result.output[0].json.contactId).toBe(slovenianContact);
	});
});
