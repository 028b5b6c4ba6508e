// `npm run test:e2e`: every workflow in examples/ imported into REAL n8n (2.41.1 on Node 24 and
// 1.123.81 on Node 20, provisioned into .cache/ by dev/e2e/provision.sh), published/activated, served
// by `n8n start`, called through its production webhook; the sandbox (started here) must receive
// exactly the expected messages. E2E_VERSIONS=2.41.1 (comma-separated) runs a subset; E2E_KEEP=1
// keeps each version's temp folder (n8n user folder, database, logs).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { checkDeliveries, exampleFiles, SCENARIOS, type Scenario } from './exampleScenarios';
import { removeUnlessKept, trackFailedAssertions } from './failedAssertions';
import {
	buildAndPack,
	callWebhook,
	filesContaining,
	N8N_VERSIONS,
	provision,
	startN8n,
	workflowExecutions,
	type N8nServer,
	type N8nVersion,
} from './realN8n';

const versions = (process.env.E2E_VERSIONS?.split(',') ?? [...N8N_VERSIONS]) as N8nVersion[];
const log = (line: string): void => {
	process.stdout.write(`[e2e ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};
const suiteStarted = performance.now();
let packDir = '';
let tarball = '';

beforeAll(async () => {
	packDir = mkdtempSync(join(tmpdir(), 'chatcentral-e2e-pack-'));
	await provision(versions, log, join(packDir, 'provision.log'));
	tarball = await buildAndPack(packDir, log);
});

afterAll(() => {
	if (packDir) rmSync(packDir, { recursive: true, force: true });
	log(`total ${((performance.now() - suiteStarted) / 1000).toFixed(0)} s`);
});

describe.each(versions)('examples in real n8n %s', (version) => {
	let sandbox: Sandbox | undefined;
	let server: N8nServer | undefined;
	const anyFailed = trackFailedAssertions();

	beforeAll(async () => {
		sandbox = await startSandbox();
		server = await startN8n({ version, tarball, baseUrl: sandbox.baseUrl, token: sandbox.token, workflows: exampleFiles(), log });
	});

	afterAll(async () => {
		await server?.stop();
		await sandbox?.close();
		removeUnlessKept(server, anyFailed(), log);
	});

	const fire = async (scenario: Scenario): Promise<unknown> => {
		if (!server || !sandbox) throw new Error('n8n did not start');
		sandbox.reset();
		const started = performance.now();
		const answer = await callWebhook(server, scenario.webhookPath, scenario.body);
		log(`n8n ${version}: POST /webhook/${scenario.webhookPath} → ${answer.status} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
		expect(answer.status).toBe(200);
		return answer.body;
	};

	const expectExactDeliveries = (scenario: Scenario): void => {
		const check = checkDeliveries(scenario, sandbox?.accepted() ?? []);
		expect({ missing: check.missing, duplicates: check.duplicates, unexpected: check.unexpected }).toEqual({
			missing: [],
			duplicates: 0,
			unexpected: [],
		});
		expect(check.deliveredOnce).toBe(scenario.deliveries.length);
	};

	test('webhook-text-then-question: a text, then the question, to the contact the webhook names', async () => {
		await fire(SCENARIOS.welcome);
		expectExactDeliveries(SCENARIOS.welcome);
		// In order: the text before the question.
		expect(sandbox?.accepted().map((message) => message.payload.body[0].type)).toEqual(['text', 'quick_reply']);
	});

	test('crm-attachments: every CRM contact gets their receipt image', async () => {
		await fire(SCENARIOS.receipts);
		expectExactDeliveries(SCENARIOS.receipts);
	});

	test('bulk-300: 300 of 300 delivered, no duplicate, never more than 25 requests in any second', async () => {
		const started = performance.now();
		await fire(SCENARIOS.bulk);
		const seconds = (performance.now() - started) / 1000;
		expectExactDeliveries(SCENARIOS.bulk);
		const peak = sandbox?.peakRequestsInAnyWindow();
		const stats = sandbox?.stats();
		log(`n8n ${version}: bulk 300 in ${seconds.toFixed(1)} s, peak ${peak} requests in any second, ${stats?.refused429} refused 429`);
		expect(peak).toBeLessThanOrEqual(25);
		expect(stats?.requests).toBe(300);
	});

	test('error-branch: the good contacts get the message; the bad ones land on the error output with their error', async () => {
		const answer = await fire(SCENARIOS.errors);
		expectExactDeliveries(SCENARIOS.errors);
		// The webhook answers with every item of the last node, Record Failure.
		expect(answer).toEqual(
			SCENARIOS.errors.failures.map((failure) => ({
				failedContactId: failure.contactId,
				name: expect.any(String),
				reason: expect.stringContaining(failure.error),
			})),
		);

		// And n8n's own execution record (REST API as the owner) shows the same split.
		if (!server) throw new Error('n8n did not start');
		let executions = await workflowExecutions(server, SCENARIOS.errors.workflowId);
		for (let tries = 0; executions.length === 0 && tries < 20; tries++) {
			await new Promise((done) => setTimeout(done, 250)); // saved just after the answer
			executions = await workflowExecutions(server, SCENARIOS.errors.workflowId);
		}
		expect(executions).toHaveLength(1);
		const [execution] = executions;
		expect(execution.status).toBe('success');
		const [success, errorOutput] = execution.outputs['Send Reminder'];
		expect(success.map((item) => item.contactId)).toEqual(SCENARIOS.errors.deliveries.map((delivery) => delivery.contactId));
		// A failed item carries the reason in json.error (paired with its input item).
		expect(errorOutput).toEqual(
			SCENARIOS.errors.failures.map((failure) => expect.objectContaining({ error: expect.stringContaining(failure.error) })),
		);
		expect(execution.outputs['Record Failure'][0].map((item) => item.failedContactId)).toEqual(
			SCENARIOS.errors.failures.map((failure) => failure.contactId),
		);
		log(`n8n ${version}: execution ${execution.id} error output: ${JSON.stringify(errorOutput)}`);
	});

	test('send-once-key: each contact gets the notice once; the same event posted again sends nothing', async () => {
		await fire(SCENARIOS.sendOnce);
		expectExactDeliveries(SCENARIOS.sendOnce);
		if (!server) throw new Error('n8n did not start');
		const again = await callWebhook(server, SCENARIOS.sendOnce.webhookPath, SCENARIOS.sendOnce.body);
		expect(again.status).toBe(200);
		expectExactDeliveries(SCENARIOS.sendOnce);
		// The webhook answers with every item of Send Shipping Notice: each one skipped, saying so
		expect(again.body).toEqual(
			SCENARIOS.sendOnce.deliveries.map(({ contactId }) => expect.objectContaining({ contactId, status: 'Skipped', alreadySent: true })),
		);
	});

	test('send-once-key-queue-mode: each contact gets the notice once; posted again, Remove Duplicates lets nothing through', async () => {
		await fire(SCENARIOS.sendOnceQueue);
		expectExactDeliveries(SCENARIOS.sendOnceQueue);
		if (!server) throw new Error('n8n did not start');
		const again = await callWebhook(server, SCENARIOS.sendOnceQueue.webhookPath, SCENARIOS.sendOnceQueue.body);
		expect(again.status).toBe(200);
		expectExactDeliveries(SCENARIOS.sendOnceQueue);
	});

	test('crm-attachments also runs headless: n8n execute starts it from its Manual Trigger', async () => {
		if (!server || !sandbox) throw new Error('n8n did not start');
		await server.stop(); // n8n execute needs the task broker port and the database
		sandbox.reset();
		const { output, ms } = await server.execute(SCENARIOS.receipts.workflowId);
		log(`n8n ${version}: n8n execute --id ${SCENARIOS.receipts.workflowId} in ${(ms / 1000).toFixed(1)} s`);
		expect(output).toContain('"status": "success"');
		expectExactDeliveries(SCENARIOS.receipts);
	});

	test("the token appears nowhere in n8n's logs, user folder or database", async () => {
		if (!server || !sandbox) throw new Error('n8n did not start');
		await server.stop(); // its logs complete, the database and WAL written
		expect(server.logFiles().length).toBeGreaterThan(0);
		expect(filesContaining(server.workDir, sandbox.token)).toEqual([]);
	});
});
