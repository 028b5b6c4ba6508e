// Real n8n (provisioned by dev/e2e/provision.sh into .cache/) as a server, from TypeScript: the
// packed package installed the way n8n installs community packages (dev/e2e/lib.sh), a
// chatCentralApi credential pointing at a sandbox, workflows imported and published/activated,
// an owner who can log in, `n8n start` on a free port, and in queue mode its workers. Used by
// test/e2e, test/queue (through queueCluster.ts) and dev/scripts/demo; its plumbing (run,
// buildAndPack, n8nEnv, n8nNode/n8nCli, waitUntilReady) also by dev/scripts/benchN8n.ts and
// dev/scripts/screenshots/editorPanel.ts.

import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

import { freePort } from './freePort';
import { startProcessGroup, untilLogged, type ChildProcessGroup } from './childProcessGroup';
import { POSTGRES_DATABASE, POSTGRES_USER } from './postgresServer';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const N8N_VERSIONS = ['2.41.1', '1.123.81'] as const;
export type N8nVersion = (typeof N8N_VERSIONS)[number];
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
/** The credential the examples reference. */
export const EXAMPLE_CREDENTIAL = { id: 'ccSandboxCred001', name: 'ChatCentral sandbox' };
export const OWNER = { email: 'demo@example.com', password: 'Demo-pass-2024' }; // n8n: 8+ chars, a digit, an uppercase letter

export const CACHE = process.env.E2E_CACHE_DIR ?? join(REPO_ROOT, '.cache');
const COMMAND_LIMIT_MS = 180_000;
const BUILD_LIMIT_MS = 300_000;
const READY_LIMIT_MS = 180_000;
/** `bash` arguments that install E2E_TARBALL into N8N_USER_FOLDER the way n8n installs community packages. */
export const INSTALL_PACKAGE_ARGS = ['-c', 'set -euo pipefail; source dev/e2e/lib.sh; e2e_install_package'];

/** The Node that runs n8n `version` (2.x: the provisioned Node 24). */
export const n8nNode = (version: N8nVersion): string =>
	version.startsWith('2.') ? join(CACHE, 'node24', 'node_modules', 'node', 'bin', 'node') : process.execPath;
/** The provisioned n8n package folder. */
export const n8nPackage = (version: N8nVersion): string => join(CACHE, `n8n-${version}`, 'node_modules', 'n8n');
export const n8nCli = (version: N8nVersion): string => join(n8nPackage(version), 'bin', 'n8n');

type Log = (line: string) => void;

export interface CommandResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	/** stdout and stderr, interleaved as they arrived. */
	output: string;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface RunOptions {
	/** Default: REPO_ROOT. */
	cwd?: string;
	/** Default: process.env. */
	env?: NodeJS.ProcessEnv;
	/** Appends stdout+stderr to this file too. */
	logFile?: string;
	/** SIGKILL after this long. Default: 180 s. */
	limitMs?: number;
	stdio?: 'inherit';
	/** Resolve with a non-zero exit (or a kill) instead of rejecting. */
	allowFailure?: boolean;
}

/** Runs a command; its stdout+stderr are returned (and go to `logFile`). Rejects on a non-zero exit unless `allowFailure`. */
export async function run(command: string, args: string[], options: RunOptions = {}): Promise<CommandResult> {
	const started = performance.now();
	const child = spawn(command, args, {
		cwd: options.cwd ?? REPO_ROOT,
		env: options.env ?? process.env,
		stdio: options.stdio === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
	});
	const chunks: Buffer[] = [];
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	const file = options.logFile === undefined ? undefined : createWriteStream(options.logFile, { flags: 'a' });
	for (const [stream, own] of [
		[child.stdout, stdout],
		[child.stderr, stderr],
	] as const) {
		stream?.on('data', (chunk: Buffer) => {
			chunks.push(chunk);
			own.push(chunk);
			file?.write(chunk);
		});
	}
	const timer = setTimeout(() => child.kill('SIGKILL'), options.limitMs ?? COMMAND_LIMIT_MS);
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
		child.once('error', fail);
		child.once('close', (exitCode, exitSignal) => done([exitCode, exitSignal]));
	})
		.catch(async (error: unknown) => {
			if (file !== undefined) await new Promise<void>((done) => file.end(done));
			throw error;
		})
		.finally(() => clearTimeout(timer));
	if (file !== undefined) await new Promise<void>((done) => file.end(done));
	const output = Buffer.concat(chunks).toString('utf8');
	const result: CommandResult = {
		code,
		signal,
		output,
		stdout: Buffer.concat(stdout).toString('utf8'),
		stderr: Buffer.concat(stderr).toString('utf8'),
		ms: performance.now() - started,
	};
	if (code !== 0 && options.allowFailure !== true) {
		throw new Error(`${basename(command)} ${args.join(' ')} exited ${code}:\n${output.split('\n').slice(-30).join('\n')}`);
	}
	return result;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** dev/e2e/provision.sh for the given versions: ~11 min on a fresh machine, ~1 s when cached. */
export async function provision(versions: readonly N8nVersion[], log: Log, logFile: string): Promise<number> {
	const started = performance.now();
	const targets = versions.map((version) => `n8n-${version}`);
	log(`provisioning ${targets.join(', ')} (the first time several minutes and ~3 GB per version; then ~1 s; log: ${logFile})`);
	await run('bash', [join(REPO_ROOT, 'dev', 'e2e', 'provision.sh'), ...targets], { logFile, limitMs: 40 * 60_000 });
	const ms = performance.now() - started;
	log(`provisioned in ${seconds(ms)}`);
	return ms;
}

/** npm run build && npm pack into `destination`; returns the tarball's path. */
export async function buildAndPack(destination: string, log: Log): Promise<string> {
	const started = performance.now();
	const logFile = join(destination, 'build.log');
	await run('npm', ['run', 'build', '--silent'], { logFile, limitMs: BUILD_LIMIT_MS });
	const { stdout } = await run('npm', ['pack', '--pack-destination', destination, '--silent'], { logFile: join(destination, 'pack.log') });
	const name = stdout.trim().split('\n').pop() ?? '';
	if (name === '') throw new Error('npm pack printed no file name');
	const tarball = join(destination, name);
	log(`built and packed ${basename(tarball)} in ${seconds(performance.now() - started)}`);
	return tarball;
}

export interface StartN8nOptions {
	version: N8nVersion;
	tarball: string;
	/** The sandbox the credential points at. */
	baseUrl: string;
	token: string;
	/** The credential's Max Requests per Second; default 25. */
	maxRequestsPerSecond?: number;
	/** More credentials to import beside it, as `n8n import:credentials` takes them (e.g. openAiCredential). */
	extraCredentials?: Record<string, unknown>[];
	/** Workflow JSON files to import and publish (2.x) / activate (1.x). */
	workflows: string[];
	/** Default: a free one. */
	port?: number;
	/**
	 * n8n's queue mode: the main instance takes the webhooks and puts each execution on the Redis
	 * queue at `redisPort`; `workers` worker processes (`n8n worker`, `concurrency` executions
	 * each) run them, all sharing the PostgreSQL database at `postgresPort` (see
	 * postgresServer.ts). Default: one process runs everything, on SQLite.
	 */
	queue?: { redisPort: number; postgresPort: number; workers: number; concurrency: number };
	log: Log;
}

export interface N8nServer {
	version: N8nVersion;
	url: string;
	/** The main process's id (a restart changes it). */
	readonly pid: number;
	/** Queue mode: the worker processes' ids and logs (empty otherwise). */
	workerPids(): number[];
	workerLogs(): string[];
	/** Temp folder: n8n user folder (`user/.n8n`: config, database, nodes), all logs. */
	workDir: string;
	userFolder: string;
	/** `n8n start`'s stdout + stderr. */
	startLog: string;
	/** Every command's output (setup commands and `n8n start`). */
	logFiles(): string[];
	/** Milliseconds per setup step. */
	timings: Record<string, number>;
	/** GET an n8n REST path (e.g. '/rest/executions') as the logged-in owner; returns `data`. */
	rest<T>(path: string): Promise<T>;
	/** GET any path (e.g. '/types/nodes.json', what the editor loads) as the logged-in owner; returns the JSON. */
	getJson<T>(path: string): Promise<T>;
	/** POST JSON to an n8n REST path (e.g. '/rest/executions/7/retry') as the logged-in owner; returns `data`. */
	postRest<T>(path: string, body: unknown): Promise<T>;
	/**
	 * `n8n execute --id <id> --rawOutput` (runs the workflow from its Manual Trigger) with this
	 * instance's user folder; only once stopped (the server holds the task broker and database).
	 */
	execute(workflowId: string): Promise<CommandResult>;
	/** Stops n8n (SIGTERM, then SIGKILL to its process group after 20 s). Idempotent. */
	stop(): Promise<void>;
	/** Kills n8n as an out-of-memory kill or a forced redeploy does: SIGKILL to its process groups (workers' too), no shutdown. */
	kill(): Promise<void>;
	/** Starts n8n again on the same user folder, database and port (once stopped or killed), and logs in again. */
	restart(): Promise<void>;
	/** Removes workDir. */
	remove(): void;
}

/**
 * n8n's environment for a CLI command (as dev/e2e/lib.sh e2e_workdir sets it): `userFolder`, no
 * telemetry or banners, task runners on `brokerPort`, no N8N_ENCRYPTION_KEY (the first command
 * generates one into .n8n/config).
 */
export function n8nEnv(userFolder: string, brokerPort: number): NodeJS.ProcessEnv {
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

/**
 * Waits until `n8n start` at `url` answers /healthz/readiness and /rest/settings (readiness turns
 * 200 before the REST routes exist on 1.x). Rejects if `exited()` or after `limitMs`; `logTail()`
 * is appended to the error.
 */
export async function waitUntilReady(url: string, exited: () => boolean, logTail: () => string, limitMs = READY_LIMIT_MS): Promise<void> {
	const deadline = performance.now() + limitMs;
	for (;;) {
		if (exited()) throw new Error(`n8n start exited:\n${logTail()}`);
		if (performance.now() > deadline) throw new Error(`n8n not ready after ${limitMs / 1000} s:\n${logTail()}`);
		if ((await ok(`${url}/healthz/readiness`)) && (await ok(`${url}/rest/settings`))) return;
		await new Promise((done) => setTimeout(done, 500));
	}
}

export async function startN8n(options: StartN8nOptions): Promise<N8nServer> {
	const { version, log } = options;
	const timings: Record<string, number> = {};
	const node = n8nNode(version);
	const cli = n8nCli(version);
	const workDir = mkdtempSync(join(tmpdir(), `chatcentral-e2e-n8n-${version}-`));
	const userFolder = join(workDir, 'user');
	mkdirSync(userFolder);
	const logFiles: string[] = [];
	const port = options.port ?? (await freePort());
	const env: NodeJS.ProcessEnv = {
		...n8nEnv(userFolder, await freePort()),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_SECURE_COOKIE: 'false',
		// n8n 1.x's default expression engine needs a native addon the provisioning skipped.
		...(version.startsWith('1.') ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		...(options.queue === undefined
			? {}
			: {
					EXECUTIONS_MODE: 'queue',
					QUEUE_BULL_REDIS_HOST: '127.0.0.1',
					QUEUE_BULL_REDIS_PORT: String(options.queue.redisPort),
					DB_TYPE: 'postgresdb',
					DB_POSTGRESDB_HOST: '127.0.0.1',
					DB_POSTGRESDB_PORT: String(options.queue.postgresPort),
					DB_POSTGRESDB_DATABASE: POSTGRES_DATABASE,
					DB_POSTGRESDB_USER: POSTGRES_USER,
				}),
	};
	// Not n8n's business: jest's NODE_ENV=test makes n8n silent and skip parts of its start-up;
	// jest/tsx loaders in NODE_OPTIONS are not for n8n.
	for (const name of ['NODE_ENV', 'NODE_OPTIONS', 'JEST_WORKER_ID']) delete env[name];
	let step = 0;
	const n8n = async (label: string, ...args: string[]): Promise<CommandResult> => {
		const logFile = join(workDir, `${String(++step).padStart(2, '0')}-${args[0].replace(/[^a-z]+/gi, '-')}.log`);
		logFiles.push(logFile);
		const result = await run(node, [cli, ...args], { cwd: workDir, env, logFile });
		timings[label] = result.ms;
		return result;
	};

	// The package, the way n8n installs it (dev/e2e/lib.sh e2e_install_package).
	let started = performance.now();
	const installLog = join(workDir, '00-install.log');
	logFiles.push(installLog);
	await run('bash', INSTALL_PACKAGE_ARGS, {
		env: { ...env, E2E_TARBALL: options.tarball },
		logFile: installLog,
	});
	timings.install = performance.now() - started;

	// The credentials; the file holding the token exists only for the import.
	const credentialFile = join(workDir, 'credential.json');
	writeFileSync(
		credentialFile,
		JSON.stringify([
			{
				...EXAMPLE_CREDENTIAL,
				type: 'chatCentralApi',
				data: { token: options.token, baseUrl: options.baseUrl, viberChannel: false, maxRequestsPerSecond: options.maxRequestsPerSecond ?? 25 },
			},
			...(options.extraCredentials ?? []),
		]),
		{ mode: 0o600 },
	);
	try {
		await n8n('import:credentials (+ migrations)', 'import:credentials', `--input=${credentialFile}`);
	} finally {
		rmSync(credentialFile, { force: true });
	}

	const workflows = options.workflows.map((file) => JSON.parse(readFileSync(file, 'utf8')) as { id: string; name: string });
	const workflowsFile = join(workDir, 'workflows.json');
	writeFileSync(workflowsFile, JSON.stringify(workflows));
	await n8n('import:workflow', 'import:workflow', `--input=${workflowsFile}`);
	// Both before `n8n start`: a running n8n does not notice CLI changes.
	if (version.startsWith('2.')) {
		for (const { id } of workflows) await n8n(`publish:workflow ${id}`, 'publish:workflow', `--id=${id}`);
	} else {
		await n8n('update:workflow --all --active=true', 'update:workflow', '--all', '--active=true');
	}

	// n8n 2.x creates the owner from the environment; 1.x (and 2.x before it could) gets POST /rest/owner/setup below.
	if (version.startsWith('2.')) {
		const bcrypt = createRequire(join(cli, '..', '..', 'package.json'))('bcryptjs') as {
			hash(password: string, rounds: number): Promise<string>;
		};
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: 'Demo',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: await bcrypt.hash(OWNER.password, 10),
		});
	}

	const url = `http://127.0.0.1:${port}`;
	let cookie = '';
	let main: ChildProcessGroup | undefined;
	let workers: ChildProcessGroup[] = [];
	let launches = 0;
	const startLog = join(workDir, 'n8n-start.log');
	const exited = (): boolean => main?.exited() ?? true;

	// Workers first: a main instance stopping while they run would leave their jobs stalled.
	const stop = async (): Promise<void> => {
		await Promise.all(workers.map((worker) => worker.stop()));
		await main?.stop();
	};
	/** `n8n start` (and its workers) on this user folder and port, until it serves the webhooks and the owner is logged in. */
	const launch = async (): Promise<void> => {
		// A log file per launch: a restart's readiness lines are not the first launch's
		const suffix = ++launches === 1 ? '' : `-${launches}`;
		const logFile = suffix === '' ? startLog : join(workDir, `n8n-start${suffix}.log`);
		logFiles.push(logFile);
		let started = performance.now();
		const deadline = started + READY_LIMIT_MS;
		main = startProcessGroup(node, [cli, 'start'], { cwd: workDir, env, logFile });
		workers = [];
		try {
			await waitUntilReady(url, exited, () => tail(logFile));
			timings[`n8n start until ready${suffix}`] = performance.now() - started;
			// Published workflows are activated in the background after the REST routes are up. A CORS
			// preflight (OPTIONS with an Origin) answers 404 until the webhook path is registered, then
			// 204, and runs nothing.
			const paths = options.workflows.flatMap(webhookPathsOf);
			for (const path of paths) {
				while (!(await ok(`${url}/webhook/${path}`, 'OPTIONS', { origin: 'http://localhost', 'access-control-request-method': 'POST' }))) {
					if (exited()) throw new Error(`n8n start exited:\n${tail(logFile)}`);
					if (performance.now() > deadline) throw new Error(`webhook ${path} not registered after ${READY_LIMIT_MS / 1000} s:\n${tail(logFile)}`);
					await new Promise((done) => setTimeout(done, 250));
				}
			}
			timings[`webhooks registered${suffix}`] = performance.now() - started;
			if (options.queue !== undefined) {
				started = performance.now();
				for (let index = 1; index <= options.queue.workers; index++) {
					const workerLog = join(workDir, `n8n-worker-${index}${suffix}.log`);
					logFiles.push(workerLog);
					// Each worker has task runners of its own, on a broker port of its own
					const workerEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
					workers.push(startProcessGroup(node, [cli, 'worker', `--concurrency=${options.queue.concurrency}`], { cwd: workDir, env: workerEnv, logFile: workerLog }));
				}
				await Promise.all(workers.map((worker) => untilLogged(worker, 'n8n worker is now ready', deadline)));
				timings[`${workers.length} workers ready${suffix}`] = performance.now() - started;
			}
			// 2.x before the owner from the environment (2.6.4 still asks for it) is set up like 1.x.
			if (launches === 1 && (version.startsWith('1.') || (await ownerSetupPending(url)))) {
				await post(`${url}/rest/owner/setup`, { email: OWNER.email, firstName: 'Demo', lastName: 'Owner', password: OWNER.password });
			}
			const login = await post(`${url}/rest/login`, { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password });
			cookie = (login.headers.getSetCookie?.() ?? [])
				.map((line) => line.split(';')[0])
				.join('; ');
		} catch (error) {
			await stop();
			throw error;
		}
	};

	const getJson = async <T>(path: string): Promise<T> => {
		const response = await fetch(url + path, { headers: { cookie } });
		if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
		return (await response.json()) as T;
	};
	const postRest = async <T>(path: string, body: unknown): Promise<T> => {
		const response = await fetch(url + path, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
		if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
		return ((await response.json()) as { data: T }).data;
	};
	await launch();
	log(
		`n8n ${version} up at ${url} (pid ${main?.pid}): ${Object.entries(timings)
			.map(([label, ms]) => `${label} ${seconds(ms)}`)
			.join(', ')}`,
	);
	return {
		version,
		url,
		get pid() {
			return main?.pid ?? -1;
		},
		workerPids: () => workers.map((worker) => worker.pid),
		workerLogs: () => workers.map((worker) => worker.logFile),
		workDir,
		userFolder,
		startLog,
		logFiles: () => [...logFiles],
		timings,
		rest: async <T>(path: string): Promise<T> => (await getJson<{ data: T }>(path)).data,
		getJson,
		postRest,
		execute: async (workflowId) => {
			if (!exited()) throw new Error('stop n8n before n8n execute');
			return await n8n(`execute ${workflowId}`, 'execute', `--id=${workflowId}`, '--rawOutput');
		},
		stop,
		kill: async () => {
			await Promise.all([...workers, ...(main === undefined ? [] : [main])].map((group) => group.kill()));
		},
		restart: async () => {
			if (!exited()) throw new Error('stop or kill n8n before restarting it');
			const started = performance.now();
			await launch();
			log(`n8n ${version} restarted at ${url} (pid ${main?.pid}) in ${seconds(performance.now() - started)}`);
		},
		remove: () => rmSync(workDir, { recursive: true, force: true }),
	};
}

/** The paths of a workflow file's Webhook nodes. */
export function webhookPathsOf(file: string): string[] {
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Array<{ type: string; parameters: { path?: string } }> };
	return workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook').map((node) => node.parameters.path ?? '');
}

/** Whether n8n at `url` still shows its owner setup (no owner yet). */
async function ownerSetupPending(url: string): Promise<boolean> {
	const settings = (await (await fetch(`${url}/rest/settings`)).json()) as { data?: { userManagement?: { showSetupOnFirstLoad?: boolean } } };
	return settings.data?.userManagement?.showSetupOnFirstLoad === true;
}

async function ok(url: string, method = 'GET', headers: Record<string, string> = {}): Promise<boolean> {
	try {
		return (await fetch(url, { method, headers })).ok;
	} catch {
		return false;
	}
}

async function post(url: string, body: unknown): Promise<Response> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
	return response;
}

/** The last `lines` lines of `text` (trailing blank lines dropped). */
export function lastLines(text: string, lines = 30): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function tail(file: string): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
	} catch {
		return '';
	}
}

/** POSTs JSON to a production webhook; returns the status and the parsed (or raw) answer. */
export async function callWebhook(server: N8nServer, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
	const response = await fetch(`${server.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	try {
		return { status: response.status, body: JSON.parse(text) as unknown };
	} catch {
		return { status: response.status, body: text };
	}
}

export interface ExecutionSummary {
	id: string;
	status: string;
	workflowId: string;
	/** runData: node name → the json of each output's items (last run of the node). */
	outputs: Record<string, Array<Array<Record<string, unknown>>>>;
}

/** The executions of a workflow, newest first, with their run data (via the REST API). */
export async function workflowExecutions(server: N8nServer, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await server.rest<{ results: Array<{ id: string }> }>(`/rest/executions?filter=${filter}`);
	const flatted = createRequire(join(n8nPackage(server.version), 'package.json'))('flatted') as {
		parse(text: string): unknown;
	};
	const executions: ExecutionSummary[] = [];
	for (const { id } of list.results) {
		const full = await server.rest<{ id: string; status: string; workflowId: string; data: string }>(`/rest/executions/${id}`);
		const data = flatted.parse(full.data) as {
			resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>> };
		};
		const outputs: ExecutionSummary['outputs'] = {};
		for (const [nodeName, runs] of Object.entries(data.resultData.runData)) {
			const last = runs[runs.length - 1];
			outputs[nodeName] = (last?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
		}
		executions.push({ id: String(full.id), status: full.status, workflowId: full.workflowId, outputs });
	}
	return executions;
}

/** Files under `folder` (recursively) whose bytes contain `secret`. */
export function filesContaining(folder: string, secret: string): string[] {
	const needle = Buffer.from(secret, 'utf8');
	const found: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.isFile() && readFileSync(path).includes(needle)) found.push(path);
		}
	};
	walk(folder);
	return found;
}
