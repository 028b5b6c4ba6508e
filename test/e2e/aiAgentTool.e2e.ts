// `npm run test:e2e`: examples/ai-agent-chatcentral-tool.json in REAL n8n 2.41.1 and 1.123.81
// (E2E_VERSIONS picks): a Webhook starts the AI Agent (3), whose OpenAI Chat Model (1.3, chat
// completions) is the local model stand-in (dev/modelStandIn) scripted per customer message,
// and whose tools are two ChatCentral nodes (Send Text, Ask Question) pointing at the sandbox.
// What the model was offered and told is read back from the stand-in's requests. The example
// leaves the model credential for the user to pick: the test gives its copy the stand-in's.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openAiCredential } from '../../dev/modelStandIn/openAiCredential';
import {
	startModelStandIn,
	toolMessages,
	toolNamed,
	type ChatCompletionRequest,
	type ModelStandIn,
	type ModelTurn,
} from '../../dev/modelStandIn/server';
import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { aiAgentExampleWithStandIn, AI_AGENT_EXAMPLE } from './aiAgentExample';
import { removeUnlessKept, trackFailedAssertions } from './failedAssertions';
import {
	buildAndPack,
	callWebhook,
	filesContaining,
	N8N_VERSIONS,
	provision,
	startN8n,
	type N8nServer,
	type N8nVersion,
} from './realN8n';

const CONTACT = 'ai-kim';

const log = (line: string): void => {
	process.stdout.write(`[e2e ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};
const versions = (process.env.E2E_VERSIONS?.split(',') ?? [...N8N_VERSIONS]) as N8nVersion[];
const slots = (count: number): string => Array.from({ length: count }, (_, i) => `Slot ${i + 1}`).join('\n');

/** What the scripted model answers to each customer message: one turn per tool result so far. */
const CONVERSATIONS: Record<string, ModelTurn[]> = {
	'Where is my order?': [
		{ toolCalls: [{ name: 'Send_Text', arguments: { Text: 'Your order left our warehouse today.' } }] },
		{ content: 'Sent the shipping update.' },
	],
	'Can you come on Friday?': [
		{ toolCalls: [{ name: 'Ask_Question', arguments: { Title: 'Friday works for you?', Replies: 'Yes\nNo\nMaybe later' } }] },
		{ content: 'Asked about Friday.' },
	],
	'Hi, I need help': [
		{
			toolCalls: [
				{ name: 'Send_Text', arguments: { Text: 'Hello! Happy to help.' } },
				{ name: 'Ask_Question', arguments: { Title: 'What is it about?', Replies: '["Orders","Returns"]' } },
			],
		},
		{ content: 'Greeted and asked the topic.' },
	],
	'Please confirm': [
		{ toolCalls: [{ name: 'Send_Text', arguments: { Text: 'Confirmed.' } }] },
		{ content: 'Could not reach the customer.' },
	],
	'Book me a slot': [
		{ toolCalls: [{ name: 'Ask_Question', arguments: { Title: 'Which slot?', Replies: slots(11) } }] },
		{ toolCalls: [{ name: 'Ask_Question', arguments: { Title: 'Which slot?', Replies: slots(10) } }] },
		{ content: 'Offered ten slots.' },
	],
};

function customerMessage(request: ChatCompletionRequest): string {
	const user = request.messages.find(({ role }) => role === 'user');
	return typeof user?.content === 'string' ? user.content : '';
}

/** How many of the model's answers called tools so far: the stand-in names each call `call_<answer>_<index>`. */
function answersWithToolCalls(request: ChatCompletionRequest): number {
	const ids = request.messages.filter(({ role }) => role === 'tool').map((message) => String(message.tool_call_id));
	return new Set(ids.map((id) => id.replace(/_\d+$/, ''))).size;
}

function script(request: ChatCompletionRequest): ModelTurn {
	const turns = CONVERSATIONS[customerMessage(request)];
	if (turns === undefined) return { content: 'No script for this message.' };
	return turns[answersWithToolCalls(request)] ?? { content: 'The script has no more turns.' };
}

describe.each(versions)('an AI Agent with ChatCentral tools in real n8n %s', (VERSION) => {
	const anyFailed = trackFailedAssertions();
	let workDir = '';
	let sandbox: Sandbox | undefined;
	let standIn: ModelStandIn | undefined;
	let server: N8nServer | undefined;

	beforeAll(async () => {
		workDir = mkdtempSync(join(tmpdir(), 'chatcentral-e2e-agent-'));
		await provision([VERSION], log, join(workDir, 'provision.log'));
		const tarball = await buildAndPack(workDir, log);
		sandbox = await startSandbox();
		standIn = await startModelStandIn(script);
		const workflowFile = aiAgentExampleWithStandIn(workDir);
		server = await startN8n({
			version: VERSION,
			tarball,
			baseUrl: sandbox.baseUrl,
			token: sandbox.token,
			extraCredentials: [openAiCredential(standIn.url)],
			workflows: [workflowFile],
			log,
		});
	});

	afterAll(async () => {
		await server?.stop();
		await standIn?.close();
		await sandbox?.close();
		removeUnlessKept(server, anyFailed(), log);
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	});

	/** Sends the customer's message through the webhook; returns the model requests it caused. */
	async function converse(message: string, contactId = CONTACT): Promise<ChatCompletionRequest[]> {
		if (!server || !sandbox || !standIn) throw new Error('n8n did not start');
		sandbox.reset();
		const before = standIn.requests.length;
		const answer = await callWebhook(server, AI_AGENT_EXAMPLE.webhookPath, { contactId, message });
		expect(answer.status).toBe(200);
		// The agent went through the whole script and answered with its last turn
		expect(answer.body).toEqual({ output: (CONVERSATIONS[message].at(-1) as { content: string }).content });
		const requests = standIn.requests.slice(before).map(({ body }) => body);
		log(`"${message}": ${requests.length} model requests (stream: ${requests.map(({ stream }) => String(stream)).join(', ')}), answer ${JSON.stringify(answer.body)}`);
		return requests;
	}

	test('the model is offered both tools with the limits, and sends a text', async () => {
		const requests = await converse('Where is my order?');
		const [first] = requests;
		const sendText = toolNamed(first, 'Send_Text');
		const askQuestion = toolNamed(first, 'Ask_Question');
		log(`tools offered: ${JSON.stringify(first.tools, null, 2)}`);
		expect(sendText?.function.description).toContain('Text: the message, not empty.');
		expect(askQuestion?.function.description).toContain('Replies: 1 to 10 buttons, each at most 20 characters');
		expect(askQuestion?.function.description).toContain('one reply per line, or a JSON array of texts');
		expect(askQuestion?.function.parameters).toMatchObject({
			type: 'object',
			properties: {
				Title: { type: 'string', description: 'The question above the buttons, not empty' },
				Replies: { type: 'string', description: 'The reply buttons, one per line: 1 to 10, each at most 20 characters' },
			},
			required: expect.arrayContaining(['Title', 'Replies']),
		});
		expect(sandbox?.accepted().map(({ contactId, payload }) => [contactId, payload])).toEqual([
			[CONTACT, { body: [{ type: 'text', text: 'Your order left our warehouse today.' }] }],
		]);
		expect(toolMessages(requests[1])).toEqual([expect.stringContaining('"status":"Success"')]);
	});

	test("the editor's tool twin has the node's own Description per operation, not n8n's Set Automatically", async () => {
		if (!server) throw new Error('n8n did not start');
		const types = await server.getJson<Array<{ name: string; properties: Array<{ name: string; default: unknown }> }>>('/types/nodes.json');
		const tool = types.find(({ name }) => name === 'n8n-nodes-chatcentral.chatCentralTool');
		const descriptions = tool?.properties.filter(({ name }) => name === 'toolDescription').map(({ default: text }) => text);
		expect(descriptions).toEqual([
			expect.stringContaining('Text: the message, not empty.'),
			expect.stringContaining('Attachment Type: one of image, video, audio, file'),
			expect.stringContaining('Replies: 1 to 10 buttons'),
			expect.stringContaining('waits until they answer'),
		]);
		expect(tool?.properties.map(({ name }) => name)).not.toContain('descriptionType');
	});

	test('the model sends a quick reply with three replies from one value', async () => {
		await converse('Can you come on Friday?');
		expect(sandbox?.accepted().map(({ contactId, payload }) => [contactId, payload])).toEqual([
			[CONTACT, { body: [{ type: 'quick_reply', title: 'Friday works for you?', replies: ['Yes', 'No', 'Maybe later'] }] }],
		]);
	});

	test('11 replies are refused with the fix in the tool result; the retry with 10 is delivered once', async () => {
		const requests = await converse('Book me a slot');
		expect(requests).toHaveLength(3);
		const refusal = toolMessages(requests[1]);
		log(`the refusal the model read: ${JSON.stringify(refusal)}`);
		expect(refusal).toEqual([expect.stringContaining('Replies: at most 10 are allowed, got 11. Send 10 or fewer.')]);
		expect(refusal[0]).not.toMatch(/item \d/);
		expect(toolMessages(requests[2])[1]).toContain('"status":"Success"');
		expect(sandbox?.accepted().map(({ payload }) => payload)).toEqual([
			{ body: [{ type: 'quick_reply', title: 'Which slot?', replies: slots(10).split('\n') }] },
		]);
	});

	test('two tool calls in one answer send two messages, each once', async () => {
		const requests = await converse('Hi, I need help');
		expect(requests).toHaveLength(2);
		expect(toolMessages(requests[1])).toEqual([expect.stringContaining('"status":"Success"'), expect.stringContaining('"status":"Success"')]);
		expect(sandbox?.accepted().map(({ payload }) => payload.body[0])).toEqual(
			expect.arrayContaining([
				{ type: 'text', text: 'Hello! Happy to help.' },
				{ type: 'quick_reply', title: 'What is it about?', replies: ['Orders', 'Returns'] },
			]),
		);
		expect(sandbox?.accepted()).toHaveLength(2);
	});

	test("ChatCentral's own refusal reaches the model with what it means", async () => {
		const requests = await converse('Please confirm', 'unknown-ai-contact');
		const refusal = toolMessages(requests[1]);
		log(`ChatCentral's refusal as the model read it: ${JSON.stringify(refusal)}`);
		expect(refusal).toEqual([
			expect.stringContaining('Contact not found. ChatCentral refused this message. Check that the contact ID belongs to a contact of this channel'),
		]);
		expect(sandbox?.accepted()).toEqual([]);
	});

	test('the channel token and the Base URL appear nowhere in what the model received', () => {
		if (!sandbox || !standIn) throw new Error('n8n did not start');
		const received = JSON.stringify(standIn.requests);
		expect(standIn.requests.length).toBeGreaterThanOrEqual(11);
		expect(received).not.toContain(sandbox.token);
		expect(received).not.toContain(new URL(sandbox.baseUrl).host);
	});

	test("the channel token appears nowhere in n8n's logs, user folder or database (the agent's executions included)", async () => {
		if (!server || !sandbox) throw new Error('n8n did not start');
		await server.stop(); // its logs complete, the database and WAL written
		expect(server.logFiles().length).toBeGreaterThan(0);
		expect(filesContaining(server.workDir, sandbox.token)).toEqual([]);
	});
});
