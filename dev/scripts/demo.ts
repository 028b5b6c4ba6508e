// `npm run demo`: the package in REAL n8n 2.41.1, with every workflow of examples/ imported,
// published and called through its webhook, against the local ChatCentral sandbox.
//
//   npm run demo                      keeps n8n and the sandbox up: open the editor, log in, look at
//                                     the workflows and their executions; click Confirm in the chat
//                                     view to resume the waiting confirm-appointment execution;
//                                     Ctrl+C stops everything
//   npm run demo -- --headless        the same, then prints what the sandbox received per example
//                                     (following the Confirm link itself) and exits (non-zero if any
//                                     expected message is missing)
//   Either way an MCP client (the official SDK's) lists the tools of the MCP Server Trigger
//   example and sends one question through it; the URL and Bearer token are printed for yours.
//   options: --port N (n8n's port; default 5678, or a free one if 5678 is taken)
//            --sandbox-port N (default: a free one)
//
// First run on a fresh clone: dev/e2e/provision.sh installs Node 24 + n8n 2.41.1 into .cache/
// (~6 min, ~3 GB); later runs start in about a minute.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { startSandbox, type AcceptedMessage, type Sandbox } from '../sandbox/server';
import { checkDeliveries, exampleFiles, SCENARIOS, type Scenario } from '../../test/e2e/exampleScenarios';
import {
	buildAndPack,
	callWebhook,
	OWNER,
	provision,
	startN8n,
	workflowExecutions,
	EXAMPLES_DIR,
	type N8nServer,
} from '../../test/e2e/realN8n';
import { newestExecution } from '../../test/e2e/e2eSuite';
import { freePort } from '../../test/e2e/freePort';
import { connectMcpClient, mcpBearerCredential, mcpPathRegistered, mcpServerUrl, MCP_SERVER_EXAMPLE } from '../../test/e2e/mcpServerExample';
import { acceptedMessages, followLink, lastSendAndWaitMessage } from '../../test/e2e/sendAndWaitMessage';

const VERSION = '2.41.1';
const DEFAULT_PORT = 5678;

const log = (line: string): void => console.log(`[demo ${new Date().toISOString().slice(11, 19)}] ${line}`);

interface Call {
	scenario: Scenario;
	body: Record<string, unknown>;
}

// The sample calls: the welcome workflow twice (two people), then each other example once.
const CALLS: Call[] = [
	{ scenario: SCENARIOS.welcome, body: SCENARIOS.welcome.body },
	{
		scenario: {
			...SCENARIOS.welcome,
			body: { contactId: 'web-bruno', name: 'Bruno' },
			deliveries: SCENARIOS.welcome.deliveries.map((delivery, index) =>
				index === 0
					? { contactId: 'web-bruno', payload: { body: [{ type: 'text', text: 'Hi Bruno, welcome to ChatCentral! We will keep you posted here.' }] } }
					: { ...delivery, contactId: 'web-bruno' },
			),
		},
		body: { contactId: 'web-bruno', name: 'Bruno' },
	},
	{ scenario: SCENARIOS.receipts, body: SCENARIOS.receipts.body },
	{ scenario: SCENARIOS.errors, body: SCENARIOS.errors.body },
	{ scenario: SCENARIOS.bulk, body: SCENARIOS.bulk.body },
];

function describeMessage({ payload }: AcceptedMessage): string {
	const [element] = payload.body;
	if (element.type === 'text') return `text        ${JSON.stringify(element.text)}`;
	if (element.type === 'quick_reply') return `quick_reply ${JSON.stringify(element.title)} [${(element.replies as string[]).join(' | ')}]`;
	return `${String(element.type).padEnd(11)} ${String(element.url)}`;
}

/** Fires one call and prints what the sandbox received; returns the number of problems. */
async function fire(server: N8nServer, sandbox: Sandbox, call: Call): Promise<number> {
	const before = sandbox.accepted().length;
	const requestsBefore = sandbox.requests().length;
	const started = performance.now();
	const answer = await callWebhook(server, call.scenario.webhookPath, call.body);
	const seconds = (performance.now() - started) / 1000;
	const received = sandbox.accepted().slice(before);
	const check = checkDeliveries(call.scenario, received);
	let problems = check.missing.length + check.duplicates + check.unexpected.length + (answer.status === 200 ? 0 : 1);
	console.log(`\n${call.scenario.file}: POST /webhook/${call.scenario.webhookPath} ${JSON.stringify(call.body)} → ${answer.status} in ${seconds.toFixed(1)} s`);
	if (call.scenario.deliveries.length > 20) {
		const requests = sandbox.requests().slice(requestsBefore);
		const firstMs = requests[0]?.arrivedAtMs ?? 0;
		const lastMs = requests[requests.length - 1]?.arrivedAtMs ?? 0;
		console.log(
			`  the sandbox received ${check.deliveredOnce} of ${check.expected} messages once each over ${((lastMs - firstMs) / 1000).toFixed(1)} s, ` +
				`at most ${sandbox.peakRequestsInAnyWindow()} requests in any second, ${requests.filter((r) => r.status === 429).length} refused for rate`,
		);
	} else {
		console.log('  the sandbox received:');
		for (const message of received) console.log(`    #${message.sequence} ${message.contactId.padEnd(12)} ${describeMessage(message)}`);
	}
	if (call.scenario.failures.length > 0) {
		const [execution] = await workflowExecutions(server, call.scenario.workflowId);
		const failed = execution?.outputs['Record Failure']?.[0] ?? [];
		console.log(`  n8n's execution ${execution?.id ?? '?'}: ${failed.length} item(s) on the error output, recorded by "Record Failure":`);
		for (const item of failed) console.log(`    ${JSON.stringify(item.failedContactId)}: ${String(item.reason)}`);
		for (const failure of call.scenario.failures) {
			if (!failed.some((item) => item.failedContactId === failure.contactId && String(item.reason).includes(failure.error))) problems++;
		}
	}
	for (const missing of check.missing) console.log(`  MISSING ${missing.contactId}: ${JSON.stringify(missing.payload)}`);
	if (check.duplicates > 0) console.log(`  DUPLICATES: ${check.duplicates}`);
	for (const extra of check.unexpected) console.log(`  UNEXPECTED ${extra.contactId}: ${JSON.stringify(extra.payload)}`);
	console.log(`  ${problems === 0 ? 'ok' : `${problems} problem(s)`}`);
	return problems;
}

const CONFIRM = { file: 'confirm-appointment.json', workflowId: 'ccExampleConfirm', path: 'chatcentral-confirm' };
const CONFIRM_BODY = { contactId: 'demo-ana', name: 'Ana', date: 'Friday 10:00' };

/**
 * confirm-appointment.json: asks demo-ana to confirm and waits. Headless, follows the Confirm link
 * as a person would and checks the execution resumes with the thank-you text; otherwise leaves it
 * waiting for a click in the chat view. Returns the number of problems.
 */
async function askToConfirm(server: N8nServer, sandbox: Sandbox, approve: boolean): Promise<number> {
	const before = sandbox.accepted().length;
	const answer = await callWebhook(server, CONFIRM.path, CONFIRM_BODY);
	console.log(`\n${CONFIRM.file}: POST /webhook/${CONFIRM.path} ${JSON.stringify(CONFIRM_BODY)} → ${answer.status}`);
	await acceptedMessages(sandbox, before + 1);
	const message = lastSendAndWaitMessage(sandbox);
	console.log(`  the sandbox received, for ${message.contactId}: ${JSON.stringify(message.question)} with ${message.links.map(({ label }) => label).join(' / ')}`);
	const execution = await newestExecution(server, CONFIRM.workflowId, ({ status }) => status === 'waiting');
	console.log(`  n8n's execution ${execution.id}: ${execution.status}`);
	let problems = answer.status === 200 ? 0 : 1;
	if (!approve) return problems;
	const page = await followLink(message.links[0].url);
	const thanks = (await acceptedMessages(sandbox, before + 2)).at(-1);
	const resumed = await newestExecution(server, CONFIRM.workflowId, ({ status }) => status !== 'waiting' && status !== 'running');
	console.log(`  followed ${message.links[0].label}: ${page.status}; execution ${resumed.id} ${resumed.status}, and the sandbox received ${describeMessage(thanks as AcceptedMessage)}`);
	if (page.status !== 200 || resumed.status !== 'success' || JSON.stringify(resumed.outputs['Ask to Confirm']) !== JSON.stringify([[{ data: { approved: true } }]])) problems++;
	console.log(`  ${problems === 0 ? 'ok' : `${problems} problem(s)`}`);
	return problems;
}

const MCP_CALL = { contactId: 'mcp-demo', title: 'Which day suits you?', replies: ['Monday', 'Tuesday'] };

/**
 * mcp-server-chatcentral-tools.json: an MCP client (as Claude Desktop or Cursor would) lists the
 * trigger's tools and calls Send_Quick_Reply once. Returns the number of problems.
 */
async function callThroughMcp(server: N8nServer, sandbox: Sandbox, bearerToken: string): Promise<number> {
	await mcpPathRegistered(server);
	const client = await connectMcpClient(server, { authorization: `Bearer ${bearerToken}` });
	try {
		const before = sandbox.accepted().length;
		const { tools } = await client.listTools();
		console.log(`\n${MCP_SERVER_EXAMPLE.file}: an MCP client at ${mcpServerUrl(server)} is offered ${tools.map(({ name }) => name).join(', ')}`);
		const result = await client.callTool({
			name: 'Send_Quick_Reply',
			arguments: { Contact_ID: MCP_CALL.contactId, Title: MCP_CALL.title, Replies: MCP_CALL.replies.join('\n') },
		});
		console.log(`  tools/call Send_Quick_Reply → ${JSON.stringify(result.content)}`);
		const received = sandbox.accepted().slice(before);
		console.log('  the sandbox received:');
		for (const message of received) console.log(`    #${message.sequence} ${message.contactId.padEnd(12)} ${describeMessage(message)}`);
		const expected = JSON.stringify([[MCP_CALL.contactId, { body: [{ type: 'quick_reply', title: MCP_CALL.title, replies: MCP_CALL.replies }] }]]);
		const problems = JSON.stringify(received.map(({ contactId, payload }) => [contactId, payload])) === expected ? 0 : 1;
		console.log(`  ${problems === 0 ? 'ok' : `${problems} problem(s)`}`);
		return problems;
	} finally {
		await client.close();
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			headless: { type: 'boolean', default: false },
			port: { type: 'string' },
			'sandbox-port': { type: 'string' },
		},
	});
	const started = performance.now();
	const workDir = mkdtempSync(join(tmpdir(), 'chatcentral-demo-'));
	let sandbox: Sandbox | undefined;
	let server: N8nServer | undefined;
	const stop = async (): Promise<void> => {
		await server?.stop();
		server?.remove();
		await sandbox?.close();
		rmSync(workDir, { recursive: true, force: true });
	};
	try {
		await provision([VERSION], log, join(workDir, 'provision.log'));
		const tarball = await buildAndPack(workDir, log);
		const recordFile = resolve('.tmp/demo-messages.jsonl');
		sandbox = await startSandbox({ port: values['sandbox-port'] === undefined ? 0 : Number(values['sandbox-port']), recordFile });
		log(`sandbox at ${sandbox.baseUrl}, recording to ${recordFile}`);
		const port = values.port !== undefined ? Number(values.port) : await defaultPort();
		log(`starting n8n ${VERSION} with the package, a "ChatCentral sandbox" credential and examples/*.json published`);
		const mcpToken = randomBytes(16).toString('hex');
		server = await startN8n({
			version: VERSION,
			tarball,
			baseUrl: sandbox.baseUrl,
			token: sandbox.token,
			extraCredentials: [mcpBearerCredential(mcpToken)],
			workflows: [...exampleFiles(), join(EXAMPLES_DIR, CONFIRM.file), join(EXAMPLES_DIR, MCP_SERVER_EXAMPLE.file)],
			port,
			log,
		});
		let problems = 0;
		for (const call of CALLS) problems += await fire(server, sandbox, call);
		problems += await callThroughMcp(server, sandbox, mcpToken);
		problems += await askToConfirm(server, sandbox, values.headless === true);
		const all = sandbox.accepted();
		const expected = CALLS.reduce((sum, call) => sum + call.scenario.deliveries.length, 0) + 1 + (values.headless ? 2 : 1);
		console.log(
			`\n${all.length} of ${expected} expected messages delivered, ${problems === 0 ? 'all as expected' : `${problems} problem(s)`} ` +
				`(${((performance.now() - started) / 1000).toFixed(0)} s in all).`,
		);
		if (problems > 0) process.exitCode = 1;
		if (values.headless) return;

		const chatViewUrl = (sandbox as Sandbox & { chatViewUrl?: string }).chatViewUrl;
		console.log(
			[
				'',
				`  n8n ${VERSION} editor:  ${server.url}   (log in: ${OWNER.email} / ${OWNER.password})`,
				...(chatViewUrl === undefined ? [] : [`  Chat view:           ${chatViewUrl}`]),
				`  Waiting for Ana:     in the chat view, demo-ana's conversation: click "✓ Confirm" (or "✗ Cancel"); the`,
				`                       execution resumes and sends the next text (editor: ${server.url}/workflow/${CONFIRM.workflowId}/executions)`,
				`  MCP clients:         ${mcpServerUrl(server)}   (header  Authorization: Bearer ${mcpToken})`,
				`  Sandbox API:         ${sandbox.baseUrl}   (record: ${recordFile})`,
				`  Try a webhook:       curl -X POST ${server.url}/webhook/${SCENARIOS.welcome.webhookPath} -H 'content-type: application/json' \\`,
				`                         -d '{"contactId":"c-42","name":"Kim"}'`,
				`  n8n log:             ${server.startLog}`,
				'  Ctrl+C stops n8n and the sandbox.',
				'',
			].join('\n'),
		);
		await new Promise<void>((done) => {
			process.once('SIGINT', done);
			process.once('SIGTERM', done);
		});
		log('stopping n8n and the sandbox');
	} finally {
		await stop();
	}
}

async function defaultPort(): Promise<number> {
	const { createServer } = await import('node:net');
	const free = await new Promise<boolean>((done) => {
		const probe = createServer()
			.once('error', () => done(false))
			.listen(DEFAULT_PORT, '127.0.0.1', () => probe.close(() => done(true)));
	});
	return free ? DEFAULT_PORT : await freePort();
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
