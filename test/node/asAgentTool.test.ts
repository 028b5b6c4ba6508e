// The node as an AI Agent's tool, through n8n-core: the agent takes the tool from n8n-core
// (createNodeAsTool: its schema from the $fromAI placeholders, its description) and has the
// engine run the tool node for each call, as AI Agent 3 does in n8n 2.x. What the model reads
// is checked here; test/e2e/aiAgentTool.e2e.ts checks the same with the real AI Agent and a model.

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runAsAgentTool, type AgentToolRun } from '../harness/runAsAgentTool';
import { chatCentral, chatCentralApi, standardCredentials } from './chatCentralRun';
import { everythingSaid } from './everythingSaid';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/** A field as the editor's "Let the model define this parameter" button fills it. */
const fromAI = (key: string) => `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`\`, 'string') }}`;

const textTool = { resource: 'message', operation: 'sendText', contactId: fromAI('Contact_ID'), text: fromAI('Text') };
const quickReplyTool = {
	resource: 'message',
	operation: 'sendQuickReply',
	contactId: fromAI('Contact_ID'),
	title: fromAI('Title'),
	replies: [fromAI('Replies')],
};
const attachmentTool = {
	resource: 'message',
	operation: 'sendAttachment',
	contactId: fromAI('Contact_ID'),
	attachmentType: "={{ $fromAI('Attachment_Type', 'image, video, audio or file', 'string') }}",
	url: fromAI('URL'),
};

async function callTool(parameters: INodeParameters, ...answers: IDataObject[][]): Promise<AgentToolRun> {
	const result = await runAsAgentTool({
		nodeType: chatCentral,
		credentialType: chatCentralApi,
		credentials: standardCredentials(sandbox),
		parameters,
		answers,
	});
	expect(result.run.data.resultData.error).toBeUndefined();
	return result;
}

/** A failed tool node's result: n8n-core turns its error into the ai_tool item `{ error: message }`. */
const refusal = (message: string) => JSON.stringify([{ error: message }]);

describe('what the model is told before it calls', () => {
	it.each([
		['sendText', textTool, ['Text: the message, not empty']],
		[
			'sendQuickReply',
			quickReplyTool,
			['Title: the question, not empty', '1 to 10 buttons, each at most 20 characters', 'one reply per line, or a JSON array'],
		],
		['sendAttachment', attachmentTool, ['one of image, video, audio, file', 'starting with https:// or http://']],
	])('%s: the tool description carries the limits of its fields', async (_, parameters, limits) => {
		const { tool } = await callTool(parameters);
		expect(tool.name).toBe('ChatCentral');
		for (const limit of limits) expect(tool.description).toContain(limit);
		expect(tool.description).toContain("Contact ID: the contact's ChatCentral ID, exactly as given.");
		expect(tool.description).toContain('A refused call sends nothing and says which field to change and how.');
	});

	it('every field the model fills is in the schema, as text', async () => {
		const { tool } = await callTool(quickReplyTool);
		expect(tool.parameters).toMatchObject({
			type: 'object',
			properties: { Contact_ID: { type: 'string' }, Title: { type: 'string' }, Replies: { type: 'string' } },
			required: ['Contact_ID', 'Title', 'Replies'],
		});
	});

	it('a Description the user wrote replaces the default', async () => {
		const { tool } = await callTool({ ...textTool, toolDescription: 'Tell the customer their order status.' });
		expect(tool.description).toBe('Tell the customer their order status.');
	});
});

describe('a call that passes sends its message, and the model reads the confirmation', () => {
	it.each([
		['one reply per line', 'Yes\nNo\nMaybe later'],
		['a JSON array', '["Yes","No","Maybe later"]'],
	])('three replies from one value holding %s', async (_, replies) => {
		const { toolResults } = await callTool(quickReplyTool, [{ Contact_ID: 'c-1', Title: 'Coming?', Replies: replies }]);
		expect(sandbox.accepted().map(({ contactId, payload }) => [contactId, payload])).toEqual([
			['c-1', { body: [{ type: 'quick_reply', title: 'Coming?', replies: ['Yes', 'No', 'Maybe later'] }] }],
		]);
		expect(JSON.parse(toolResults[0])).toEqual([expect.objectContaining({ contactId: 'c-1', messageType: 'quick_reply', status: 'Success' })]);
	});

	it('a text', async () => {
		const { toolResults } = await callTool(textTool, [{ Contact_ID: 'c-2', Text: 'Your order has shipped.' }]);
		expect(sandbox.accepted().map(({ payload }) => payload)).toEqual([{ body: [{ type: 'text', text: 'Your order has shipped.' }] }]);
		expect(toolResults[0]).toContain('"status":"Success"');
	});
});

describe('a refusal tells the model what to change, without item numbers, and sends nothing', () => {
	it('11 replies are refused; the retry with 10 is delivered once', async () => {
		const eleven = Array.from({ length: 11 }, (_, i) => `Slot ${i + 1}`);
		const { toolResults } = await callTool(
			quickReplyTool,
			[{ Contact_ID: 'c-3', Title: 'Pick a slot', Replies: JSON.stringify(eleven) }],
			[{ Contact_ID: 'c-3', Title: 'Pick a slot', Replies: JSON.stringify(eleven.slice(0, 10)) }],
		);
		expect(toolResults[0]).toBe(refusal('Replies: at most 10 are allowed, got 11. Send 10 or fewer.'));
		expect(toolResults[1]).toContain('"status":"Success"');
		expect(sandbox.accepted().map(({ payload }) => payload)).toEqual([
			{ body: [{ type: 'quick_reply', title: 'Pick a slot', replies: eleven.slice(0, 10) }] },
		]);
	});

	it.each([
		['blank text', textTool, { Contact_ID: 'c-4', Text: '  ' }, 'Text: is empty. Write the message to send.'],
		[
			'blank contact ID',
			textTool,
			{ Contact_ID: ' ', Text: 'Hi' },
			'Contact ID: is empty. Send the ChatCentral ID of the contact to message, as text, exactly as you were given it.',
		],
		[
			'a reply of 25 characters',
			quickReplyTool,
			{ Contact_ID: 'c-4', Title: 'Pick', Replies: 'Yes\nAbsolutely, count me in!!' },
			'Replies: reply 2 "Absolutely, count me in!!" has 25 characters; at most 20 are allowed. Shorten it to 20 characters or fewer (an emoji counts as one).',
		],
		[
			'an unknown attachment type',
			attachmentTool,
			{ Contact_ID: 'c-4', Attachment_Type: 'gif', URL: 'https://example.com/a.gif' },
			'Attachment Type: must be one of image, video, audio, file, got "gif". Send exactly one of image, video, audio, file: the kind of file the URL points at; file for documents and anything else.',
		],
		[
			'a relative URL',
			attachmentTool,
			{ Contact_ID: 'c-4', Attachment_Type: 'image', URL: 'photo.jpg' },
			'URL: "photo.jpg" is not a full web address. Give the full public address of the file, starting with https:// (or http://), e.g. https://example.com/photo.jpg.',
		],
	])('%s', async (_, parameters, call, message) => {
		const { toolResults } = await callTool(parameters, [call]);
		expect(toolResults).toEqual([refusal(message)]);
		expect(sandbox.accepted()).toEqual([]);
	});

	it('stops the execution only when the tool node\'s On Error is set to Stop Workflow', async () => {
		const { run } = await runAsAgentTool({
			nodeType: chatCentral,
			credentialType: chatCentralApi,
			credentials: standardCredentials(sandbox),
			parameters: textTool,
			answers: [[{ Contact_ID: 'c-4', Text: '' }]],
			onError: 'stopWorkflow',
		});
		expect(run.data.resultData.error?.message).toBe('Text: is empty. Write the message to send.');
		expect(sandbox.accepted()).toEqual([]);
	});

	it("ChatCentral's own refusal comes with what to do about it", async () => {
		const { toolResults } = await callTool(attachmentTool, [
			{ Contact_ID: 'c-5', Attachment_Type: 'image', URL: 'https://example.com/report.pdf' },
		]);
		expect(toolResults).toEqual([
			refusal(
				'Sorry, Url provided is not an image/audio/video file. The URL must point at a file of the chosen Attachment Type (an image for Image, a video for Video, an audio clip for Audio). For documents and other files choose File.',
			),
		]);
	});
});

test('the channel token is nowhere in what the model reads', async () => {
	const results = [
		await callTool(textTool, [{ Contact_ID: 'c-6', Text: 'Hi' }]),
		await callTool(textTool, [{ Contact_ID: 'unknown-6', Text: 'Hi' }]),
		await callTool(quickReplyTool, [{ Contact_ID: 'c-6', Title: 'Pick', Replies: '' }]),
	];
	const read = everythingSaid(results.map(({ tool, toolResults }) => ({ tool, toolResults })));
	expect(read).toContain('Contact not found');
	expect(read).not.toContain(sandbox.token);
});
