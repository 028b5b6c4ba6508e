// Screenshots of the node in the real n8n editor for the README and docs/ai-agents.md:
//   npx tsx dev/scripts/screenshots/editorPanel.ts [--tarball x.tgz] [--keep]
// Writes docs/images/node-panel.png (the ChatCentral node's panel, Send Quick Reply) and
// docs/images/tool-panel.png (the
// Ask Question tool of examples/ai-agent-chatcentral-tool.json: its Description, the model's fields). Needs dev/e2e/provision.sh (n8n 2.41.1
// and Node 24 in .cache/) and Debian's Chromium (apt-get install -y chromium).
//
// The recipe of dev/e2e/serveN8n.sh, in one process: a sandbox, the packed package installed the way
// n8n installs community packages (dev/e2e/lib.sh e2e_install_package), a chatCentralApi credential
// pointing at the sandbox, the workflow dev/scripts/screenshots/editorPanelWorkflow.json (Webhook →
// ChatCentral), an owner created from N8N_INSTANCE_OWNER_* and `n8n start` on a free port. Then
// headless Chromium (1440×900) signs in as the owner and opens the workflow with the node open.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';

import workflow from './editorPanelWorkflow.json';
import agentExample from '../../../examples/ai-agent-chatcentral-tool.json';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { launchChromium, newIsolatedContext } from '../../../test/browser/launchChromium';
import {
	buildAndPack,
	EXAMPLE_CREDENTIAL,
	INSTALL_PACKAGE_ARGS,
	lastLines,
	n8nCli,
	n8nEnv,
	n8nNode,
	n8nPackage,
	REPO_ROOT,
	run,
	waitUntilReady,
	type N8nVersion,
} from '../../../test/e2e/realN8n';
import { freePort } from '../../../test/e2e/freePort';

const N8N_VERSION: N8nVersion = '2.41.1';
const N8N_NODE = n8nNode(N8N_VERSION);
const N8N_PACKAGE = n8nPackage(N8N_VERSION);
const N8N_CLI = n8nCli(N8N_VERSION);
const OWNER = { email: 'demo@example.com', password: 'E2e-demo-pass1', firstName: 'Demo', lastName: 'Owner' };
const CREDENTIAL = workflow.nodes[1].credentials?.chatCentralApi ?? { id: '', name: '' };
const NODE_ID = workflow.nodes[1].id;
const PANEL_PNG = join(REPO_ROOT, 'docs', 'images', 'node-panel.png');
const TOOL_PNG = join(REPO_ROOT, 'docs', 'images', 'tool-panel.png');
const TOOL_NODE_ID = agentExample.nodes.find(({ name }) => name === 'Ask Question')?.id ?? '';
// A 1440×900 screen at 85 % browser zoom: the whole Send Quick Reply panel, Credential to
// Options, fits the NDV's height (three replies each repeat the Replies hint). PNGs are 1440×900.
const ZOOM = 0.85;
const VIEWPORT = { width: Math.round(1440 / ZOOM), height: Math.round(900 / ZOOM), deviceScaleFactor: ZOOM };
const COMMAND_LIMIT_MS = 300_000;
const READY_LIMIT_MS = 120_000;

const startedAt = performance.now();
const log = (message: string): void => console.log(`[screenshots +${((performance.now() - startedAt) / 1000).toFixed(0)}s] ${message}`);

/** Runs a command; on a non-zero exit rejects with `what` and its last 20 lines of output, `token` masked. */
async function runOrThrow(what: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, token: string): Promise<string> {
	const result = await run(command, args, { ...options, limitMs: COMMAND_LIMIT_MS, allowFailure: true });
	if (result.code !== 0) throw new Error(`${what} exited ${result.code}:\n${lastLines(result.output, 20).split(token).join('***')}`);
	return result.output;
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Stops n8n (and its task runner) by its pid: SIGTERM, then SIGKILL to its process group. */
async function stopN8n(n8n: ChildProcess): Promise<void> {
	if (n8n.pid === undefined || n8n.exitCode !== null || n8n.signalCode !== null) return;
	const exited = new Promise<void>((done) => n8n.once('exit', () => done()));
	n8n.kill('SIGTERM');
	const inTime = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
	if (!inTime) {
		log(`n8n (pid ${n8n.pid}) did not stop in 20s: SIGKILL`);
		try {
			process.kill(-n8n.pid, 'SIGKILL');
		} catch {
			n8n.kill('SIGKILL');
		}
		await exited;
	}
}

async function signIn(page: Page, base: string): Promise<void> {
	await page.goto(`${base}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first().fill(OWNER.email);
	await page.locator('input[name="password"], input[type="password"]').first().fill(OWNER.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

async function shootNodePanel(page: Page, base: string): Promise<void> {
	await page.goto(`${base}/workflow/${workflow.id}/${NODE_ID}`);
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible', timeout: 60_000 });
	const parameters = ndv.locator('[data-test-id="node-parameters"]');
	await parameters.waitFor({ state: 'visible' });
	for (const text of ['Resource', 'Operation', 'Contact ID', 'Title', 'Replies', 'Up to 10 replies', 'Force Cancel Survey']) {
		await parameters.getByText(text).first().waitFor({ state: 'visible', timeout: 30_000 });
	}
	await page.waitForLoadState('networkidle').catch(() => undefined);
	await sleep(1000); // the NDV's open transition, fonts
	await page.screenshot({ path: PANEL_PNG });
	log(`wrote ${PANEL_PNG}`);
}

async function shootToolPanel(page: Page, base: string): Promise<void> {
	await page.goto(`${base}/workflow/${agentExample.id}/${TOOL_NODE_ID}`);
	const parameters = page.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]');
	await parameters.waitFor({ state: 'visible', timeout: 60_000 });
	for (const text of ['Description', 'Title', 'Replies', 'Defined automatically by the model']) {
		await parameters.getByText(text).first().waitFor({ state: 'visible', timeout: 30_000 });
	}
	await page.waitForLoadState('networkidle').catch(() => undefined);
	await sleep(1000);
	await page.screenshot({ path: TOOL_PNG });
	log(`wrote ${TOOL_PNG}`);
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { tarball: { type: 'string' }, keep: { type: 'boolean', default: false } } });
	const workDir = mkdtempSync(join(tmpdir(), `chatcentral-screenshots-n8n-${N8N_VERSION}.`));
	const userFolder = join(workDir, 'user');
	mkdirSync(userFolder);
	const env = n8nEnv(userFolder, await freePort());
	const n8nCommand = (what: string, args: string[], token: string): Promise<string> =>
		runOrThrow(`n8n ${what}`, N8N_NODE, [N8N_CLI, ...args], { cwd: workDir, env }, token);
	const sandbox: Sandbox = await startSandbox();
	let n8n: ChildProcess | undefined;
	let n8nLog = '';
	try {
		log(`work folder ${workDir}; sandbox ${sandbox.baseUrl}`);
		const tarball = values.tarball !== undefined ? resolve(values.tarball) : await buildAndPack(workDir, log);
		log(`package ${tarball}`);
		await runOrThrow('install package', 'bash', INSTALL_PACKAGE_ARGS, {
			cwd: REPO_ROOT,
			env: { ...env, E2E_TARBALL: tarball },
		}, sandbox.token);

		const credentialPath = join(workDir, 'credential.json');
		const data = { token: sandbox.token, baseUrl: sandbox.baseUrl, viberChannel: false, maxRequestsPerSecond: 25 };
		const credentials = [CREDENTIAL, EXAMPLE_CREDENTIAL].map((credential) => ({ ...credential, type: 'chatCentralApi', data }));
		writeFileSync(credentialPath, JSON.stringify(credentials), { mode: 0o600 });
		try {
			await n8nCommand('import:credentials', ['import:credentials', `--input=${credentialPath}`], sandbox.token);
		} finally {
			rmSync(credentialPath, { force: true });
		}
		const workflowPath = join(workDir, 'workflow.json');
		writeFileSync(workflowPath, JSON.stringify([workflow, agentExample]));
		await n8nCommand('import:workflow', ['import:workflow', `--input=${workflowPath}`], sandbox.token);
		log('package installed, credential and workflow imported');

		const hash = (
			await runOrThrow('bcrypt', N8N_NODE, ['-e', 'require(require.resolve("bcryptjs", { paths: [process.argv[1]] })).hash(process.argv[2], 10).then(console.log)', N8N_PACKAGE, OWNER.password], { cwd: workDir, env }, sandbox.token)
		).trim();
		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		const startEnv: NodeJS.ProcessEnv = {
			...env,
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: hash,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: 'localhost',
			N8N_SECURE_COOKIE: 'false',
		};
		// Its own process group, so a stuck n8n can be killed together with its task runner.
		const started = spawn(N8N_NODE, [N8N_CLI, 'start'], { cwd: workDir, env: startEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		n8n = started;
		started.stdout.on('data', (chunk: Buffer) => (n8nLog += chunk.toString()));
		started.stderr.on('data', (chunk: Buffer) => (n8nLog += chunk.toString()));
		log(`n8n start (pid ${started.pid}) on ${base}`);
		await waitUntilReady(
			base,
			() => started.exitCode !== null || started.signalCode !== null,
			() => lastLines(n8nLog).split(sandbox.token).join('***'),
			READY_LIMIT_MS,
		);
		log('n8n ready');

		const browser = await launchChromium();
		try {
			const context = await newIsolatedContext(browser, base, VIEWPORT);
			const page = await context.newPage();
			await signIn(page, base);
			log('signed in as the owner');
			mkdirSync(join(REPO_ROOT, 'docs', 'images'), { recursive: true });
			await shootNodePanel(page, base);
			await shootToolPanel(page, base);
		} finally {
			await browser.close();
		}
	} finally {
		if (n8n !== undefined) await stopN8n(n8n);
		await sandbox.close();
		if (values.keep) {
			writeFileSync(join(workDir, 'n8n-start.log'), n8nLog.split(sandbox.token).join('***'));
			log(`kept ${workDir}`);
		} else rmSync(workDir, { recursive: true, force: true });
	}
	log('done');
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
});
