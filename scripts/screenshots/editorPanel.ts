// Screenshots of the node in the real n8n editor for the README:
//   npx tsx scripts/screenshots/editorPanel.ts [--tarball x.tgz] [--keep]
// Writes docs/images/node-panel.png (the ChatCentral node's panel, Send Quick Reply) and
// docs/images/credential.png (the ChatCentral API credential). Needs e2e/provision.sh (n8n 2.41.1
// and Node 24 in .cache/) and Debian's Chromium (apt-get install -y chromium).
//
// The recipe of e2e/serveN8n.sh, in one process: a sandbox, the packed package installed the way
// n8n installs community packages (e2e/lib.sh e2e_install_package), a chatCentralApi credential
// pointing at the sandbox, the workflow scripts/screenshots/editorPanelWorkflow.json (Webhook →
// ChatCentral), an owner created from N8N_INSTANCE_OWNER_* and `n8n start` on a free port. Then
// headless Chromium (1440×900) signs in as the owner and opens the workflow with the node open.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';

import workflow from './editorPanelWorkflow.json';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { launchChromium, newIsolatedContext } from '../../test/browser/launchChromium';

const REPO_ROOT = resolve(__dirname, '..', '..');
const N8N_VERSION = '2.41.1';
const CACHE = process.env.E2E_CACHE_DIR ?? join(REPO_ROOT, '.cache');
const N8N_NODE = join(CACHE, 'node24', 'node_modules', 'node', 'bin', 'node');
const N8N_PACKAGE = join(CACHE, `n8n-${N8N_VERSION}`, 'node_modules', 'n8n');
const N8N_CLI = join(N8N_PACKAGE, 'bin', 'n8n');
const OWNER = { email: 'demo@example.com', password: 'E2e-demo-pass1', firstName: 'Demo', lastName: 'Owner' };
const CREDENTIAL = workflow.nodes[1].credentials?.chatCentralApi ?? { id: '', name: '' };
const NODE_ID = workflow.nodes[1].id;
const PANEL_PNG = join(REPO_ROOT, 'docs', 'images', 'node-panel.png');
const CREDENTIAL_PNG = join(REPO_ROOT, 'docs', 'images', 'credential.png');
// A 1440×900 screen at 85 % browser zoom: the whole Send Quick Reply panel, Credential to
// Options, fits the NDV's height (three replies each repeat the Replies hint). PNGs are 1440×900.
const ZOOM = 0.85;
const VIEWPORT = { width: Math.round(1440 / ZOOM), height: Math.round(900 / ZOOM), deviceScaleFactor: ZOOM };
const COMMAND_LIMIT_MS = 300_000;
const READY_LIMIT_MS = 120_000;

const startedAt = performance.now();
const log = (message: string): void => console.log(`[screenshots +${((performance.now() - startedAt) / 1000).toFixed(0)}s] ${message}`);

interface CommandResult {
	code: number | null;
	output: string;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CommandResult> {
	return new Promise((done, fail) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
		const output: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_LIMIT_MS);
		child.once('error', (error) => {
			clearTimeout(timer);
			fail(error);
		});
		child.once('close', (code) => {
			clearTimeout(timer);
			done({ code, output: Buffer.concat(output).toString() });
		});
	});
}

async function runOrThrow(what: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, token: string): Promise<string> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const tail = result.output.trimEnd().split('\n').slice(-20).join('\n');
		throw new Error(`${what} exited ${result.code}:\n${tail.split(token).join('***')}`);
	}
	return result.output;
}

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address !== null ? address.port : 0;
			server.close(() => done(port));
		});
	});
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** n8n's environment, as e2e/lib.sh e2e_workdir and e2e/serveN8n.sh set it. */
function n8nEnv(userFolder: string, brokerPort: number): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
	};
	delete env.N8N_ENCRYPTION_KEY;
	return env;
}

async function buildAndPack(packDir: string): Promise<string> {
	const env = process.env;
	await runOrThrow('npm run build', 'npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, env }, '\0');
	const packed = await runOrThrow('npm pack', 'npm', ['pack', '--pack-destination', packDir, '--silent'], { cwd: REPO_ROOT, env }, '\0');
	const name = packed.trim().split('\n').pop() ?? '';
	if (name === '') throw new Error('npm pack printed no file name');
	return join(packDir, name);
}

/** `n8n start` until its REST routes answer (e2e/serveN8n.sh waits for the same two). */
async function waitUntilReady(base: string, n8n: ChildProcess, logFile: () => string): Promise<void> {
	const deadline = performance.now() + READY_LIMIT_MS;
	for (;;) {
		if (n8n.exitCode !== null || n8n.signalCode !== null) throw new Error(`n8n start exited:\n${logFile()}`);
		const ok = await Promise.all([fetch(`${base}/healthz/readiness`), fetch(`${base}/rest/settings`)]).then(
			(answers) => answers.every((answer) => answer.ok),
			() => false,
		);
		if (ok) return;
		if (performance.now() > deadline) throw new Error(`n8n not ready after ${READY_LIMIT_MS / 1000}s:\n${logFile()}`);
		await sleep(500);
	}
}

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

async function shootCredential(page: Page, base: string): Promise<void> {
	await page.goto(`${base}/home/credentials/${CREDENTIAL.id}`);
	const modal = page.locator('[data-test-id="editCredential-modal"], .el-dialog').filter({ hasText: 'Base URL' }).first();
	await modal.waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForLoadState('networkidle').catch(() => undefined);
	await sleep(1000);
	await page.screenshot({ path: CREDENTIAL_PNG });
	log(`wrote ${CREDENTIAL_PNG}`);
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { tarball: { type: 'string' }, keep: { type: 'boolean', default: false } } });
	const workDir = mkdtempSync(join(tmpdir(), `chatcentral-screenshots-n8n-${N8N_VERSION}.`));
	const userFolder = join(workDir, 'user');
	mkdirSync(userFolder);
	const env = n8nEnv(userFolder, await freePort());
	const n8nCommand = (what: string, args: string[], token: string): Promise<string> =>
		runOrThrow(`n8n ${what}`, N8N_NODE, [N8N_CLI, ...args], { cwd: workDir, env }, token);
	// A fixed port keeps the Base URL in the credential picture stable; any free one if it is taken.
	const sandbox: Sandbox = await startSandbox({ port: 5680 }).catch(() => startSandbox());
	let n8n: ChildProcess | undefined;
	let n8nLog = '';
	try {
		log(`work folder ${workDir}; sandbox ${sandbox.baseUrl}`);
		const tarball = values.tarball !== undefined ? resolve(values.tarball) : await buildAndPack(workDir);
		log(`package ${tarball}`);
		await runOrThrow('install package', 'bash', ['-c', 'set -euo pipefail; source e2e/lib.sh; e2e_install_package'], {
			cwd: REPO_ROOT,
			env: { ...env, E2E_TARBALL: tarball },
		}, sandbox.token);

		const credentialPath = join(workDir, 'credential.json');
		const data = { token: sandbox.token, baseUrl: sandbox.baseUrl, viberChannel: false, maxRequestsPerSecond: 25 };
		writeFileSync(credentialPath, JSON.stringify([{ ...CREDENTIAL, type: 'chatCentralApi', data }]), { mode: 0o600 });
		try {
			await n8nCommand('import:credentials', ['import:credentials', `--input=${credentialPath}`], sandbox.token);
		} finally {
			rmSync(credentialPath, { force: true });
		}
		const workflowPath = join(workDir, 'workflow.json');
		writeFileSync(workflowPath, JSON.stringify([workflow]));
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
		await waitUntilReady(base, started, () => n8nLog.trimEnd().split('\n').slice(-30).join('\n').split(sandbox.token).join('***'));
		log('n8n ready');

		const browser = await launchChromium();
		try {
			const context = await newIsolatedContext(browser, base, VIEWPORT);
			const page = await context.newPage();
			await signIn(page, base);
			log('signed in as the owner');
			mkdirSync(join(REPO_ROOT, 'docs', 'images'), { recursive: true });
			await shootNodePanel(page, base);
			await shootCredential(page, base);
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
