import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runChatCentral, standardCredentials } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const replies = (count: number) => Array.from({ length: count }, (_, i) => `Option ${i + 1}`);
const quickReply = { operation: 'sendQuickReply', contactId: '={{ $json.contactId }}', title: 'Pick one' };
const attachment = { operation: 'sendAttachment', contactId: '={{ $json.contactId }}', attachmentType: 'image' };

interface Case {
	name: string;
	parameters: INodeParameters;
	/** The third item, the invalid one. */
	bad: IDataObject;
	/** What items 1 and 2 hold besides their contact IDs c-1 and c-2. */
	good?: IDataObject;
	message: string;
}

// The third item is the invalid one, so every message must say "item 3".
const cases: Case[] = [
	{
		name: 'blank contact ID',
		parameters: { operation: 'sendText', contactId: '={{ $json.contactId }}', text: 'Hi' },
		bad: { contactId: '   ' },
		message: 'Contact ID of item 3: is empty',
	},
	{
		name: 'contact ID mapped to nothing',
		parameters: { operation: 'sendText', contactId: '={{ $json.contactId }}', text: 'Hi' },
		bad: { name: 'no contact ID in this record' },
		message: 'Contact ID of item 3: must be text, got nothing',
	},
	{
		name: 'text blank after trimming',
		parameters: { operation: 'sendText', contactId: '={{ $json.contactId }}', text: '={{ $json.text }}' },
		bad: { contactId: 'c-3', text: ' \n\t ' },
		good: { text: 'Hello' },
		message: 'Text of item 3: is empty',
	},
	{
		name: 'title blank after trimming',
		parameters: { ...quickReply, title: '={{ $json.title }}', replies: ['Yes'] },
		bad: { contactId: 'c-3', title: '  ' },
		good: { title: 'Coming?' },
		message: 'Title of item 3: is empty',
	},
	{
		name: '0 replies',
		parameters: { ...quickReply, replies: '={{ $json.replies }}' },
		bad: { contactId: 'c-3', replies: [] },
		good: { replies: ['Yes'] },
		message: 'Replies of item 3: add at least one quick reply',
	},
	{
		name: '11 replies',
		parameters: { ...quickReply, replies: '={{ $json.replies }}' },
		bad: { contactId: 'c-3', replies: replies(11) },
		good: { replies: replies(10) },
		message: 'Reply 11 of item 3: at most 10 quick replies are allowed (got 11)',
	},
	{
		name: 'a reply of 21 code points (20 letters and an emoji)',
		parameters: { ...quickReply, replies: ['Yes', '={{ $json.reply }}'] },
		bad: { contactId: 'c-3', reply: `${'a'.repeat(20)}😀` },
		good: { reply: `${'a'.repeat(19)}😀` },
		message: `Reply 2 of item 3: "${'a'.repeat(20)}😀" has 21 characters; at most 20 are allowed`,
	},
	{
		name: 'a blank reply',
		parameters: { ...quickReply, replies: ['Yes', '={{ $json.reply }}'] },
		bad: { contactId: 'c-3', reply: '   ' },
		good: { reply: 'No' },
		message: 'Reply 2 of item 3: is empty',
	},
	{
		name: 'a non-http URL',
		parameters: { ...attachment, url: '={{ $json.url }}' },
		bad: { contactId: 'c-3', url: 'ftp://files.example.com/cat.png' },
		good: { url: 'https://files.example.com/cat.png' },
		message: 'URL of item 3: "ftp://files.example.com/cat.png" must start with http:// or https://, not ftp:',
	},
	{
		name: 'a relative URL',
		parameters: { ...attachment, url: '={{ $json.url }}' },
		bad: { contactId: 'c-3', url: 'cat.png' },
		good: { url: 'https://files.example.com/cat.png' },
		message: 'URL of item 3: "cat.png" is not a full web address',
	},
	{
		name: 'an unknown attachment type from an expression',
		parameters: { ...attachment, attachmentType: '={{ $json.kind }}', url: 'https://files.example.com/cat.png' },
		bad: { contactId: 'c-3', kind: 'gif' },
		good: { kind: 'image' },
		message: 'Attachment Type of item 3: must be one of image, video, audio, file, got "gif"',
	},
];

function itemsFor({ bad, good }: Case): IDataObject[] {
	return [{ contactId: 'c-1', ...good }, { contactId: 'c-2', ...good }, bad];
}

describe.each(cases)('$name', (testCase) => {
	it('fails that item alone, naming field and item, before any request for it (On Error: Continue)', async () => {
		const result = await runChatCentral(testCase.parameters, itemsFor(testCase), {
			credentials: standardCredentials(sandbox),
			onError: 'continueRegularOutput',
		});

		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(3);
		const [first, second, third] = result.output;
		expect(first.json.status).toBe('Success');
		expect(second.json.status).toBe('Success');
		expect(third.error).toBeInstanceOf(NodeOperationError);
		expect(third.error?.message).toBe(testCase.message);
		expect(third.error?.description).toEqual(expect.any(String));
		expect(third.error?.context.itemIndex).toBe(2);
		expect(third.pairedItem).toEqual({ item: 2 });
		expect(sandbox.accepted().map((m) => m.contactId).sort()).toEqual(['c-1', 'c-2']);
		expect(sandbox.requests()).toHaveLength(2);
	});

	it('sends nothing at all when the node stops on error, so fixing the item and rerunning sends each message once', async () => {
		const result = await runChatCentral(testCase.parameters, itemsFor(testCase), {
			credentials: standardCredentials(sandbox),
		});

		expect(result.error).toMatchObject({
			message: testCase.message,
			context: { itemIndex: 2 },
			description: expect.stringMatching(/\. Nothing was sent: fix this item and run the node again/),
		});
		expect(result.output).toEqual([]);
		expect(sandbox.requests()).toEqual([]);
	});
});

describe('boundaries that must pass', () => {
	it.each([
		['1 reply', ['Yes']],
		['10 replies', replies(10)],
		['a reply of 20 code points ending in an emoji', [`${'a'.repeat(19)}😀`]],
		['a reply of 20 letters', ['b'.repeat(20)]],
	])('%s is sent', async (_name, value) => {
		const result = await runChatCentral(
			{ operation: 'sendQuickReply', contactId: 'c-9', title: 'Pick one', replies: value },
			[{}],
			{ credentials: standardCredentials(sandbox) },
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.accepted().map((m) => m.payload.body[0])).toEqual([
			{ type: 'quick_reply', title: 'Pick one', replies: value },
		]);
	});

	it.each(['.', '..'])('contact ID "%s" is refused: no URL can carry it as a path segment', async (contactId) => {
		const result = await runChatCentral({ operation: 'sendText', contactId, text: 'Hi' }, [{}], {
			credentials: standardCredentials(sandbox),
		});
		expect(result.error?.message).toBe(`Contact ID of item 1: "${contactId}" is not a contact ID`);
		expect(sandbox.requests()).toEqual([]);
	});
});

describe('node settings that change which items run', () => {
	it('Execute Once: only the first item runs, and is sent', async () => {
		const result = await runChatCentral(
			{ operation: 'sendText', contactId: '={{ $json.contactId }}', text: 'Hi' },
			[{ contactId: 'c-1' }, { contactId: '' }, { contactId: 'c-3' }],
			{ credentials: standardCredentials(sandbox), executeOnce: true },
		);

		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.contactId)).toEqual(['c-1']);
		expect(sandbox.accepted().map((m) => m.contactId)).toEqual(['c-1']);
	});

	it('Batching (Request Options): still nothing is sent when one item is invalid', async () => {
		const result = await runChatCentral(
			{
				operation: 'sendText',
				contactId: '={{ $json.contactId }}',
				text: 'Hi',
				requestOptions: { batching: { batch: { batchSize: 1, batchInterval: 20 } } },
			},
			[{ contactId: 'c-1' }, { contactId: 'c-2' }, { contactId: '' }, { contactId: 'c-4' }],
			{ credentials: standardCredentials(sandbox) },
		);

		expect(result.error).toMatchObject({ message: 'Contact ID of item 3: is empty', context: { itemIndex: 2 } });
		expect(sandbox.requests()).toEqual([]);
	});

	it('a node retry (Retry On Fail) checks its items afresh', async () => {
		const parameters = { operation: 'sendText', contactId: '={{ $json.contactId }}', text: 'Hi' };
		const items = [{ contactId: 'c-1' }, { contactId: 'c-2' }];
		await runChatCentral(parameters, items, { credentials: standardCredentials(sandbox) });
		const again = await runChatCentral(parameters, items, { credentials: standardCredentials(sandbox) });

		expect(again.error).toBeUndefined();
		expect(sandbox.accepted().map((m) => m.contactId).sort()).toEqual(['c-1', 'c-1', 'c-2', 'c-2']);
	});
});
