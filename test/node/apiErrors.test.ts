import type { NodeApiError } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runChatCentral, standardCredentials, textTo } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

describe('answers the API refuses with', () => {
	it('401: the API message, and where to fix the token', async () => {
		const result = await runChatCentral(textTo('c-1', 'Hi'), [{}], {
			credentials: { ...standardCredentials(sandbox), token: 'not-the-channel-token' },
		});

		// the engine keeps the run's error in its serialized form
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'API Token is invalid.',
			httpCode: '401',
			description: expect.stringMatching(/Channel Token in the ChatCentral API credential/),
		});
		expect(sandbox.accepted()).toEqual([]);
	});

	it('403 unmatched file type: the API message, and which attachment type to choose', async () => {
		const result = await runChatCentral(
			{ operation: 'sendAttachment', contactId: 'c-1', attachmentType: 'image', url: 'https://cdn.example.com/report.pdf' },
			[{}],
			{ credentials: standardCredentials(sandbox) },
		);

		expect(result.error?.message).toBe('Sorry, Url provided is not an image/audio/video file');
		expect((result.error as NodeApiError).httpCode).toBe('403');
		expect((result.error as NodeApiError).description).toMatch(/choose File/);
		expect(sandbox.accepted()).toEqual([]);
	});

	it("403 general error: the API's own message", async () => {
		const result = await runChatCentral(textTo('unknown-contact-7', 'Hi'), [{}], {
			credentials: standardCredentials(sandbox),
		});

		expect(result.error?.message).toBe('Contact not found');
		expect((result.error as NodeApiError).httpCode).toBe('403');
		expect((result.error as NodeApiError).description).toMatch(/contact ID belongs to a contact of this channel/);
	});

	it('429: the message was not accepted, so it is sent again until ChatCentral takes it, once', async () => {
		sandbox.injectAnswer({ status: 429, message: 'Too many requests' }, 2);
		const result = await runChatCentral(textTo('c-1', 'Hi'), [{}], { credentials: standardCredentials(sandbox) });

		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({ contactId: 'c-1', status: 'Success' });
		expect(sandbox.requests().map((r) => r.status)).toEqual([429, 429, 200]);
		expect(sandbox.accepted()).toHaveLength(1);
	});

});

describe('answers only a misrouted or failing server gives', () => {
	it('405: the API message, and that the Base URL is wrong', async () => {
		sandbox.injectAnswer({ status: 405, message: '405 Method Not Allowed.' });
		const result = await runChatCentral(textTo('c-1', 'Hi'), [{}], { credentials: standardCredentials(sandbox) });

		expect(result.error).toMatchObject({
			message: '405 Method Not Allowed.',
			httpCode: '405',
			description: expect.stringMatching(/Check the Base URL in the ChatCentral API credential/),
		});
	});

	it('5xx: not confirmed, most likely not delivered, and sent again by a retry', async () => {
		sandbox.injectAnswer({ status: 502, message: 'Bad Gateway' });
		const result = await runChatCentral(textTo('c-1', 'Hi'), [{}], { credentials: standardCredentials(sandbox) });

		expect(result.error).toMatchObject({
			message: 'Bad Gateway',
			httpCode: '502',
			description: expect.stringMatching(/most likely it was not delivered, but it may have been. n8n's Retry of this execution/),
		});
	});
});
