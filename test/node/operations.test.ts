import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runChatCentral, standardCredentials } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const contacts = [
	{ contactId: 'c-101', firstName: 'Ana' },
	{ contactId: 'c-102', firstName: 'Bruno' },
	{ contactId: 'c-103', firstName: 'Chen' },
];

describe('Send Text', () => {
	it('sends one message per input item, with the fields mapped from that item', async () => {
		const result = await runChatCentral(
			{ operation: 'sendText', contactId: '={{ $json.contactId }}', text: '=Hi {{ $json.firstName }}' },
			contacts,
			{ credentials: standardCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		const accepted = sandbox.accepted();
		expect(accepted).toHaveLength(3);
		expect(accepted.map((m) => m.contactId).sort()).toEqual(['c-101', 'c-102', 'c-103']);
		for (const { contactId, firstName } of contacts) {
			const message = accepted.find((m) => m.contactId === contactId);
			expect(message?.payload).toEqual({ body: [{ type: 'text', text: `Hi ${firstName}` }] });
			expect(message?.channel).toBe('standard');
		}
		expect(result.output.map((item) => item.json)).toEqual(
			contacts.map(({ contactId }) => ({
				contactId,
				messageType: 'text',
				status: 'Success',
				message: 'Message Sent',
				data: [],
			})),
		);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('accepts a numeric contact ID mapped from a CRM field and reports it as text', async () => {
		const result = await runChatCentral(
			{ operation: 'sendText', contactId: '={{ $json.id }}', text: 'Hello' },
			[{ id: 5491122334455 }],
			{ credentials: standardCredentials(sandbox) },
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.accepted().map((m) => m.contactId)).toEqual(['5491122334455']);
		expect(result.output[0].json.contactId).toBe('5491122334455');
	});
});

describe('Send Attachment', () => {
	it.each([
		['image', 'https://cdn.example.com/cat.png'],
		['video', 'https://cdn.example.com/clip.mp4'],
		['audio', 'https://cdn.example.com/voice.ogg'],
		['file', 'https://cdn.example.com/invoice.pdf'],
	])('sends a %s by URL', async (attachmentType, url) => {
		const result = await runChatCentral(
			{ operation: 'sendAttachment', contactId: 'c-201', attachmentType, url },
			[{}],
			{ credentials: standardCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.accepted().map((m) => m.payload)).toEqual([{ body: [{ type: attachmentType, url }] }]);
		expect(result.output).toHaveLength(1);
		expect(result.output[0].json).toMatchObject({ contactId: 'c-201', messageType: attachmentType, status: 'Success' });
	});

	it('takes the attachment type from an expression', async () => {
		const result = await runChatCentral(
			{ operation: 'sendAttachment', contactId: 'c-202', attachmentType: '={{ $json.kind }}', url: '={{ $json.link }}' },
			[{ kind: 'video', link: 'https://cdn.example.com/a.webm' }],
			{ credentials: standardCredentials(sandbox) },
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.accepted()[0].payload.body[0]).toEqual({ type: 'video', url: 'https://cdn.example.com/a.webm' });
	});
});

describe('Send Quick Reply', () => {
	it('sends the title and the reply rows, a row mapped to a list adding each entry', async () => {
		const result = await runChatCentral(
			{
				operation: 'sendQuickReply',
				contactId: 'c-301',
				title: 'What is your favorite color?',
				replies: ['Black 🖤', '={{ $json.more }}', 'Red'],
			},
			[{ more: ['Blue', 'Grey'] }],
			{ credentials: standardCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.accepted().map((m) => m.payload)).toEqual([
			{
				body: [
					{
						type: 'quick_reply',
						title: 'What is your favorite color?',
						replies: ['Black 🖤', 'Blue', 'Grey', 'Red'],
					},
				],
			},
		]);
		expect(result.output[0].json).toMatchObject({ contactId: 'c-301', messageType: 'quick_reply' });
	});

	it('accepts the whole Replies field mapped to one expression yielding a list', async () => {
		const result = await runChatCentral(
			{ operation: 'sendQuickReply', contactId: 'c-302', title: 'Pick one', replies: '={{ $json.choices }}' },
			[{ choices: ['Yes', 'No'] }],
			{ credentials: standardCredentials(sandbox) },
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.accepted()[0].payload.body[0]).toMatchObject({ replies: ['Yes', 'No'] });
	});

	it.each([
		['one reply per line', 'Yes\nNo\nMaybe later'],
		['a JSON array', '["Yes", "No", "Maybe later"]'],
	])('takes the whole list from one row holding %s (as one $fromAI value does)', async (_, choices) => {
		const result = await runChatCentral(
			{ operation: 'sendQuickReply', contactId: 'c-303', title: 'Coming?', replies: ['={{ $json.choices }}'] },
			[{ choices }],
			{ credentials: standardCredentials(sandbox) },
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.accepted().map((m) => m.payload.body[0])).toEqual([
			{ type: 'quick_reply', title: 'Coming?', replies: ['Yes', 'No', 'Maybe later'] },
		]);
	});
});

describe('Force Cancel Survey option', () => {
	it('is absent from the request unless switched on', async () => {
		await runChatCentral({ operation: 'sendText', contactId: 'c-401', text: 'off' }, [{}], {
			credentials: standardCredentials(sandbox),
		});
		await runChatCentral(
			{ operation: 'sendText', contactId: 'c-402', text: 'explicitly off', options: { forceCancelSurvey: false } },
			[{}],
			{ credentials: standardCredentials(sandbox) },
		);
		const payloads = sandbox.accepted().map((m) => m.payload);
		expect(payloads).toHaveLength(2);
		for (const payload of payloads) expect(Object.keys(payload)).toEqual(['body']);
	});

	it('sends forceCancelSurvey: true beside body when switched on', async () => {
		const result = await runChatCentral(
			{ operation: 'sendText', contactId: 'c-403', text: 'on', options: { forceCancelSurvey: true } },
			[{}],
			{ credentials: standardCredentials(sandbox) },
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.accepted()[0].payload).toEqual({ body: [{ type: 'text', text: 'on' }], forceCancelSurvey: true });
	});
});

describe('Channel Token', () => {
	it('still authenticates when pasted with spaces or a line break around it', async () => {
		const result = await runChatCentral({ operation: 'sendText', contactId: 'c-501', text: 'Hi' }, [{}], {
			credentials: { ...standardCredentials(sandbox), token: ` ${sandbox.token}\n` },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.accepted()).toHaveLength(1);
	});
});
