// `npm run test:e2e`: examples/mcp-server-chatcentral-tools.json in REAL n8n 2.41.1 and 1.123.81
// (E2E_VERSIONS picks; both have the MCP Server Trigger's typeVersion 2): an outside MCP client
// (the official TypeScript SDK's Client over streamable HTTP, as Claude Desktop or Cursor would
// connect) lists the two ChatCentral tools behind the trigger and calls them; the sandbox counts
// what was sent. One n8n start per version serves every check.

import { randomBytes } from 'node:crypto';

import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { e2eLog, packedPackage, selectedVersions } from './e2eSuite';
import { removeUnlessKept, trackFailedAssertions } from './failedAssertions';
import { connectMcpClient, mcpBearerCredential, mcpPathRegistered, mcpServerUrl, MCP_SERVER_EXAMPLE } from './mcpServerExample';
import { EXAMPLES_DIR, filesContaining, startN8n, type N8nServer } from './realN8n';

const versions = selectedVersions();
const tarball = packedPackage(versions);
const BEARER = randomBytes(24).toString('hex');
const CONTACT = 'mcp-kim';
const slots = (count: number): string => Array.from({ length: count }, (_, i) => `Slot ${i + 1}`).join('\n');

type CallResult = Awaited<ReturnType<Client['callTool']>>;
const textOf = (result: CallResult): string => (result.content as Array<{ type: string; text?: string }>).map(({ text }) => text ?? '').join('\n');

describe.each(versions)("ChatCentral tools behind n8n's MCP Server Trigger in real n8n %s", (VERSION) => {
	const anyFailed = trackFailedAssertions();
	let sandbox: Sandbox | undefined;
	let server: N8nServer | undefined;
	let client: Client | undefined;
	let firstRefusal = 0;
	/** Every answer the MCP client received, for the token check. */
	const answers: unknown[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
		server = await startN8n({
			version: VERSION,
			tarball: tarball(),
			baseUrl: sandbox.baseUrl,
			token: sandbox.token,
			extraCredentials: [mcpBearerCredential(BEARER)],
			workflows: [`${EXAMPLES_DIR}/${MCP_SERVER_EXAMPLE.file}`],
			log: e2eLog,
		});
		firstRefusal = await mcpPathRegistered(server);
		client = await connectMcpClient(server, { authorization: `Bearer ${BEARER}` });
		e2eLog(`MCP client connected to ${mcpServerUrl(server)}: server ${JSON.stringify(client.getServerVersion())}`);
	});

	afterAll(async () => {
		await client?.close();
		await server?.stop();
		await sandbox?.close();
		removeUnlessKept(server, anyFailed(), e2eLog);
	});

	async function call(name: string, args: Record<string, unknown>): Promise<CallResult> {
		if (!client || !sandbox) throw new Error('n8n did not start');
		sandbox.reset();
		const result = await client.callTool({ name, arguments: args });
		answers.push(result);
		e2eLog(`tools/call ${name} → ${JSON.stringify(result)}`);
		return result;
	}

	test('tools/list offers both tools with their fields and limits', async () => {
		if (!client) throw new Error('n8n did not start');
		const { tools } = await client.listTools();
		answers.push(tools);
		e2eLog(`tools/list: ${JSON.stringify(tools, null, 2)}`);
		expect(tools.map(({ name }) => name).sort()).toEqual(['Send_Quick_Reply', 'Send_Text']);
		const sendText = tools.find(({ name }) => name === 'Send_Text');
		const quickReply = tools.find(({ name }) => name === 'Send_Quick_Reply');
		expect(sendText?.description).toContain('Text: the message, not empty.');
		expect(quickReply?.description).toContain('Replies: 1 to 10 buttons, each at most 20 characters');
		expect(quickReply?.inputSchema).toMatchObject({
			type: 'object',
			properties: {
				Contact_ID: { type: 'string', description: 'The ChatCentral ID of the contact to message, exactly as given' },
				Title: { type: 'string', description: 'The question above the buttons, not empty' },
				Replies: { type: 'string', description: 'The reply buttons, one per line: 1 to 10, each at most 20 characters' },
			},
		});
		expect([...(quickReply?.inputSchema.required ?? [])].sort()).toEqual(['Contact_ID', 'Replies', 'Title']);
		expect(sendText?.inputSchema.properties).toEqual({
			Contact_ID: expect.objectContaining({ type: 'string' }),
			Text: { type: 'string', description: 'The message to the contact, not empty' },
		});
	});

	test('tools/call Send_Text sends exactly one message, to the contact the client named', async () => {
		const result = await call('Send_Text', { Contact_ID: CONTACT, Text: 'Your order left our warehouse today.' });
		expect(result.isError).toBeFalsy();
		expect(textOf(result)).toContain('"status":"Success"');
		expect(sandbox?.requests()).toHaveLength(1);
		expect(sandbox?.accepted().map(({ contactId, payload }) => [contactId, payload])).toEqual([
			[CONTACT, { body: [{ type: 'text', text: 'Your order left our warehouse today.' }] }],
		]);
	});

	test('tools/call Send_Quick_Reply sends exactly one question with three buttons from one value', async () => {
		const result = await call('Send_Quick_Reply', { Contact_ID: CONTACT, Title: 'Friday works for you?', Replies: 'Yes\nNo\nMaybe later' });
		expect(result.isError).toBeFalsy();
		expect(textOf(result)).toContain('"status":"Success"');
		expect(sandbox?.requests()).toHaveLength(1);
		expect(sandbox?.accepted().map(({ contactId, payload }) => [contactId, payload])).toEqual([
			[CONTACT, { body: [{ type: 'quick_reply', title: 'Friday works for you?', replies: ['Yes', 'No', 'Maybe later'] }] }],
		]);
	});

	test('11 replies are refused with the fix, and nothing is sent', async () => {
		const result = await call('Send_Quick_Reply', { Contact_ID: CONTACT, Title: 'Which slot?', Replies: slots(11) });
		expect(textOf(result)).toContain('Replies: at most 10 are allowed, got 11. Send 10 or fewer.');
		expect(textOf(result)).not.toMatch(/item \d/);
		expect(sandbox?.requests()).toEqual([]);
	});

	test("ChatCentral's own refusal reaches the client with what it means", async () => {
		const result = await call('Send_Text', { Contact_ID: 'unknown-mcp-contact', Text: 'Confirmed.' });
		expect(textOf(result)).toContain('Contact not found. ChatCentral refused this message. Check that the contact ID belongs to a contact of this channel');
		expect(sandbox?.accepted()).toEqual([]);
	});

	test('a client without the Bearer token, or with a wrong one, is refused and sends nothing', async () => {
		if (!server || !sandbox) throw new Error('n8n did not start');
		sandbox.reset();
		expect(firstRefusal).toBe(403);
		await expect(connectMcpClient(server, {})).rejects.toMatchObject({ code: 403 });
		await expect(connectMcpClient(server, { authorization: `Bearer ${BEARER}x` })).rejects.toMatchObject({ code: 403 });
		// A tools/call posted straight at the URL, as a script would, without a session or the token
		const raw = await fetch(mcpServerUrl(server), {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'Send_Text', arguments: { Contact_ID: CONTACT, Text: 'Hi' } } }),
		});
		expect(raw.status).toBe(403);
		expect(sandbox.requests()).toEqual([]);
	});

	test('the channel token and the Base URL appear in no answer the client received', () => {
		if (!sandbox) throw new Error('n8n did not start');
		expect(answers.length).toBe(5);
		const received = JSON.stringify(answers);
		expect(received).not.toContain(sandbox.token);
		expect(received).not.toContain(new URL(sandbox.baseUrl).host);
	});

	test("the channel token appears nowhere in n8n's logs, user folder or database", async () => {
		if (!server || !sandbox) throw new Error('n8n did not start');
		await client?.close();
		await server.stop();
		expect(server.logFiles().length).toBeGreaterThan(0);
		expect(filesContaining(server.workDir, sandbox.token)).toEqual([]);
	});
});
