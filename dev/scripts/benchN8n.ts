// `npm run bench:n8n` (add `-- --tarball x.tgz` to skip build + pack, `-- --keep` to keep each
// row's temp folder: n8n user folder, database, execute output; `-- --items 3000` for another
// number of texts than 300; `-- --one-way-delay-ms 75` to play ChatCentral 150 ms away;
// `-- --rows chatcentral,http-batching-24` for some rows only: ROWS' ids; `-- --cpu-prof <dir>` to
// write a V8 CPU profile of each row's `n8n execute` there, for Chrome DevTools or speedscope).
//
// The REAL n8n 2.41.1 CLI (provisioned by dev/e2e/provision.sh into .cache/, run on its Node 24),
// side by side: each row is one `n8n execute --id X --rawOutput` of a workflow
// Manual Trigger → Code (N items { contactId: 'c-1' … 'c-N' }) → a sending node,
// against the local sandbox at 25 requests/s per token. The n8n process samples its own CPU time
// (dev/scripts/cpuTimeline.cjs), which gives the CPU time of the sending node's run per item. Every row gets a fresh sandbox (started
// in this process) and a fresh n8n user folder (own SQLite database, own encryption key, the
// packed package installed the way n8n installs community packages, dev/e2e/lib.sh). Workflows are
// dev/e2e/fixtures/bench-*.json with __BASE_URL__ replaced by that row's sandbox URL. Prints a
// Markdown table and writes it to .tmp/bench-n8n-results.md. Exits non-zero if the ChatCentral
// row lost or duplicated a message, failed, or a row did not run.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { contactOfRequest } from '../sandbox/requestContact';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { measureRun, type RunMeasurement } from './runMeasurement';
import {
	buildAndPack,
	INSTALL_PACKAGE_ARGS,
	lastLines as tail,
	n8nCli,
	n8nEnv,
	n8nNode,
	REPO_ROOT,
	run as runCommand,
	type CommandResult,
	type N8nVersion,
} from '../../test/e2e/realN8n';
import { freePort } from '../../test/e2e/freePort';

const RESULTS_FILE = join(REPO_ROOT, '.tmp', 'bench-n8n-results.md');
const N8N_VERSION: N8nVersion = '2.41.1';
const N8N_NODE = n8nNode(N8N_VERSION);
const N8N_CLI = n8nCli(N8N_VERSION);
const REQUESTS_PER_SECOND = 25;
const DEFAULT_ITEMS = 300;
// A real ChatCentral is 100–300 ms away, give or take a few milliseconds each trip
const DELAY_JITTER_MS = 3;
const CPU_TIMELINE = join(REPO_ROOT, 'dev', 'scripts', 'cpuTimeline.cjs');
const contactsOf = (items: number): string[] => Array.from({ length: items }, (_, index) => `c-${index + 1}`);
const EXECUTE_LIMIT_MS = 300_000;
const COMMAND_LIMIT_MS = 120_000;

type CredentialKind = 'chatCentralApi' | 'httpHeaderAuth';

interface RowSpec {
	/** For `--rows`. */
	id: string;
	label: string;
	fixture: string;
	credential: CredentialKind;
	/** The node whose output items are counted. */
	senderNode: string;
	/** Changes the sending node's parameters from the fixture's. */
	batchSize?: number;
}

const ROWS: RowSpec[] = [
	{ id: 'chatcentral', label: 'ChatCentral node, defaults', fixture: 'bench-chatcentral.json', credential: 'chatCentralApi', senderNode: 'ChatCentral' },
	{ id: 'http-defaults', label: 'HTTP Request 4.5, defaults', fixture: 'bench-http-defaults.json', credential: 'httpHeaderAuth', senderNode: 'HTTP Request' },
	{ id: 'http-retry', label: 'HTTP Request 4.5, Retry On Fail (5 tries, 1000 ms)', fixture: 'bench-http-retry.json', credential: 'httpHeaderAuth', senderNode: 'HTTP Request' },
	{ id: 'http-batching', label: 'HTTP Request 4.5, Batching 25 items / 1000 ms', fixture: 'bench-http-batching.json', credential: 'httpHeaderAuth', senderNode: 'HTTP Request' },
	// How an expert paces it far away: 25 per 1,000 ms draws 429s that fail its run
	{ id: 'http-batching-24', label: 'HTTP Request 4.5, Batching 24 items / 1000 ms', fixture: 'bench-http-batching.json', credential: 'httpHeaderAuth', senderNode: 'HTTP Request', batchSize: 24 },
];

// The credential IDs/names the fixtures reference.
const CREDENTIAL_REFS: Record<CredentialKind, { id: string; name: string }> = {
	chatCentralApi: { id: 'ccBenchChatCentr', name: 'ChatCentral sandbox (bench)' },
	httpHeaderAuth: { id: 'ccBenchHeaderAut', name: 'ChatCentral sandbox header auth (bench)' },
};

interface ExecutionSummary {
	/** IRun.status, e.g. 'success', 'error'; undefined when no execution JSON was found. */
	status: string | undefined;
	errorMessage: string | undefined;
	errorNode: string | undefined;
	/** Output items of the sending node over all its runs. */
	outputItems: number;
	/** How many times the sending node ran (one entry per try in runData). */
	nodeRuns: number;
	/** Date.now() when n8n started the sending node's (first) run, and how long it took. */
	nodeStartedAt: number | undefined;
	nodeExecutionMs: number | undefined;
}

/** The n8n process's CPU time and memory (dev/scripts/cpuTimeline.cjs). */
interface CpuTimeline {
	argv: string[];
	/** [Date.now(), CPU ms so far]. */
	samples: Array<[number, number]>;
	peakRssMb: number;
}

interface RowOutcome extends RunMeasurement {
	spec: RowSpec;
	requests: number;
	execute: CommandResult | undefined;
	execution: ExecutionSummary | undefined;
	/** Set when the row could not be run (setup failed). */
	setupFailure?: string;
	/** First → last request arrival (sandbox clock), in seconds. */
	requestSpreadS: number | undefined;
	workDir: string;
	items: number;
	oneWayDelayMs: number;
	/** The sending node's start (n8n's runData) → the first accepted request's arrival, in seconds. */
	firstAcceptedS?: number;
	/** (⌈N/25⌉ − 1) s over the node's start → the last accepted arrival. */
	wallShare?: number;
	/** The n8n process's CPU time during the sending node's run, per item, in ms. */
	cpuPerItemMs?: number;
	/** The n8n process's peak RSS. */
	peakRssMb?: number;
}

/** Runs a command to its end (a non-zero exit is a result, not an error). */
const run = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; limitMs: number }): Promise<CommandResult> =>
	runCommand(command, args, { ...options, allowFailure: true });

/** Never lets the channel token reach the console or the results file. */
function redact(text: string, token: string): string {
	return text.split(token).join('***');
}

function credentialFile(kind: CredentialKind, sandbox: Sandbox): unknown[] {
	const { id, name } = CREDENTIAL_REFS[kind];
	const data =
		kind === 'chatCentralApi'
			? { token: sandbox.token, baseUrl: sandbox.baseUrl, viberChannel: false, maxRequestsPerSecond: REQUESTS_PER_SECOND }
			: { name: 'Authorization', value: `Bearer ${sandbox.token}` };
	// import:credentials takes an array; a plain `data` object is encrypted on import.
	return [{ id, name, type: kind, data }];
}

/** The last top-level `{`…`}` of `--rawOutput` (n8n's log lines share stdout). */
function parseExecution(stdout: string, senderNode: string): ExecutionSummary | undefined {
	const opening = stdout.lastIndexOf('\n{\n');
	const start = opening >= 0 ? opening + 1 : stdout.startsWith('{\n') ? 0 : -1;
	const end = stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(stdout.slice(start, end + 2));
	} catch {
		return undefined;
	}
	interface RawRun {
		status?: string;
		data?: {
			resultData?: {
				error?: { message?: string; node?: { name?: string } };
				runData?: Record<string, Array<{ startTime?: number; executionTime?: number; data?: { main?: unknown[][] } }>>;
			};
		};
	}
	const runResult = parsed as RawRun;
	const nodeRuns = runResult.data?.resultData?.runData?.[senderNode] ?? [];
	return {
		status: runResult.status,
		errorMessage: runResult.data?.resultData?.error?.message,
		errorNode: runResult.data?.resultData?.error?.node?.name,
		outputItems: nodeRuns.reduce((sum, nodeRun) => sum + (nodeRun.data?.main?.[0]?.length ?? 0), 0),
		nodeRuns: nodeRuns.length,
		nodeStartedAt: nodeRuns[0]?.startTime,
		nodeExecutionMs: nodeRuns[0]?.executionTime,
	};
}

/** The CPU time (ms) the process had used at `at`, between the two samples around it. */
function cpuAt({ samples }: CpuTimeline, at: number): number {
	const after = samples.findIndex(([time]) => time >= at);
	if (after <= 0) return after === 0 ? samples[0][1] : samples[samples.length - 1][1];
	const [t0, cpu0] = samples[after - 1];
	const [t1, cpu1] = samples[after];
	return cpu0 + ((cpu1 - cpu0) * (at - t0)) / Math.max(1, t1 - t0);
}

/** The `n8n execute` process's timeline (not its task runners'). */
function executeTimeline(dir: string): CpuTimeline | undefined {
	for (const file of readdirSync(dir)) {
		const timeline = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuTimeline;
		if (timeline.argv.includes('execute')) return timeline;
	}
	return undefined;
}

/** First message, wall share, CPU per item and RSS of a row, from n8n's runData, the sandbox and the CPU timeline. */
function nodeFigures(
	sandbox: Sandbox,
	execution: ExecutionSummary | undefined,
	timeline: CpuTimeline | undefined,
	items: number,
): Pick<RowOutcome, 'firstAcceptedS' | 'wallShare' | 'cpuPerItemMs' | 'peakRssMb'> {
	const contacts = new Set(contactsOf(items));
	const accepted = sandbox
		.requests()
		.filter((request) => request.status === 200 && contacts.has(contactOfRequest(request) ?? ''))
		.map((request) => request.receivedAt);
	const start = execution?.nodeStartedAt;
	const end = start === undefined || execution?.nodeExecutionMs === undefined ? undefined : start + execution.nodeExecutionMs;
	return {
		firstAcceptedS: start === undefined || accepted.length === 0 ? undefined : (Math.min(...accepted) - start) / 1000,
		wallShare:
			start === undefined || accepted.length < items ? undefined : (Math.ceil(items / REQUESTS_PER_SECOND) - 1) / ((Math.max(...accepted) - start) / 1000),
		cpuPerItemMs: timeline === undefined || start === undefined || end === undefined ? undefined : (cpuAt(timeline, end) - cpuAt(timeline, start)) / items,
		peakRssMb: timeline?.peakRssMb,
	};
}

function measure(sandbox: Sandbox, items: number): Pick<RowOutcome, keyof RunMeasurement | 'requests' | 'requestSpreadS'> {
	const arrivals = sandbox.requests().map((request) => request.arrivedAtMs);
	return {
		...measureRun(sandbox, new Set(contactsOf(items)), REQUESTS_PER_SECOND),
		requests: arrivals.length,
		requestSpreadS: arrivals.length === 0 ? undefined : (Math.max(...arrivals) - Math.min(...arrivals)) / 1000,
	};
}

interface BenchSettings {
	tarball: string;
	keep: boolean;
	items: number;
	oneWayDelayMs: number;
	/** Where `n8n execute` writes its CPU profile (--cpu-prof), if anywhere. */
	cpuProfileDir: string | undefined;
}

async function runRow(spec: RowSpec, { tarball, keep, items, oneWayDelayMs, cpuProfileDir }: BenchSettings): Promise<RowOutcome> {
	const workDir = mkdtempSync(join(tmpdir(), `chatcentral-bench-n8n-${N8N_VERSION}.`));
	const userFolder = join(workDir, 'user');
	mkdirSync(userFolder);
	const env = n8nEnv(userFolder, await freePort());
	const n8n = (args: string[], limitMs = COMMAND_LIMIT_MS): Promise<CommandResult> =>
		run(N8N_NODE, [N8N_CLI, ...args], { cwd: workDir, env, limitMs });
	const sandbox = await startSandbox({
		requestsPerSecond: REQUESTS_PER_SECOND,
		oneWayDelayMs,
		delayJitterMs: oneWayDelayMs === 0 ? 0 : DELAY_JITTER_MS,
	});
	const base = { spec, workDir, items, oneWayDelayMs, execute: undefined, execution: undefined };
	try {
		const setupFailed = (what: string, result: CommandResult): RowOutcome => ({
			...base,
			...measure(sandbox, items),
			setupFailure: redact(`${what} exited ${result.code ?? result.signal}: ${tail(result.stdout + result.stderr, 15)}`, sandbox.token),
		});

		// The package in every row, so every n8n loads the same community nodes.
		const install = await run('bash', INSTALL_PACKAGE_ARGS, {
			cwd: REPO_ROOT,
			env: { ...env, E2E_TARBALL: tarball },
			limitMs: COMMAND_LIMIT_MS,
		});
		if (install.code !== 0) return setupFailed('install package', install);

		const credentialsPath = join(workDir, 'credential.json');
		writeFileSync(credentialsPath, JSON.stringify(credentialFile(spec.credential, sandbox)), { mode: 0o600 });
		const importCredentials = await n8n(['import:credentials', `--input=${credentialsPath}`]);
		rmSync(credentialsPath, { force: true });
		if (importCredentials.code !== 0) return setupFailed('import:credentials', importCredentials);

		const fixtureText = readFileSync(join(REPO_ROOT, 'dev', 'e2e', 'fixtures', spec.fixture), 'utf8');
		const workflow = JSON.parse(
			fixtureText.split('__BASE_URL__').join(sandbox.baseUrl).split('__ITEMS__').join(String(items)),
		) as { id: string; nodes: Array<{ name: string; parameters: { options?: { batching?: { batch?: { batchSize?: number } } } } }> };
		const batch = workflow.nodes.find((node) => node.name === spec.senderNode)?.parameters.options?.batching?.batch;
		if (spec.batchSize !== undefined && batch !== undefined) batch.batchSize = spec.batchSize;
		const workflowPath = join(workDir, 'workflow.json');
		writeFileSync(workflowPath, JSON.stringify([workflow]));
		const importWorkflow = await n8n(['import:workflow', `--input=${workflowPath}`]);
		if (importWorkflow.code !== 0) return setupFailed('import:workflow', importWorkflow);

		sandbox.reset(); // nothing reached it yet; makes sure the counts are the execute's alone
		const timelineDir = join(workDir, 'cpu');
		mkdirSync(timelineDir);
		const execute = await run(N8N_NODE, [N8N_CLI, 'execute', '--id', workflow.id, '--rawOutput'], {
			cwd: workDir,
			env: {
				...env,
				NODE_OPTIONS: [`--require ${CPU_TIMELINE}`, ...(cpuProfileDir === undefined ? [] : [`--cpu-prof --cpu-prof-dir=${cpuProfileDir}`])].join(' '),
				BENCH_CPU_TIMELINE_DIR: timelineDir,
			},
			limitMs: EXECUTE_LIMIT_MS + (items / REQUESTS_PER_SECOND) * 2000,
		});
		writeFileSync(join(workDir, 'execute.out'), redact(execute.stdout, sandbox.token));
		writeFileSync(join(workDir, 'execute.err'), redact(execute.stderr, sandbox.token));
		const execution = parseExecution(execute.stdout, spec.senderNode);
		if (execution?.errorMessage !== undefined) execution.errorMessage = redact(execution.errorMessage, sandbox.token);
		return {
			...base,
			execute,
			execution,
			...measure(sandbox, items),
			...nodeFigures(sandbox, execution, executeTimeline(timelineDir), items),
		};
	} finally {
		await sandbox.close();
		if (!keep) rmSync(workDir, { recursive: true, force: true });
	}
}

const integer = (value: number): string => value.toLocaleString('en-US');

function failedCell(outcome: RowOutcome): string {
	const { execute, execution, setupFailure } = outcome;
	if (setupFailure !== undefined) return 'not run (setup failed)';
	if (execute === undefined) return '—';
	const exit = execute.signal === null ? `exit ${execute.code}` : `killed (${execute.signal})`;
	const failed = execute.code !== 0 || execution?.status !== 'success';
	return `${failed ? '**yes**' : 'no'} (${exit}, status ${execution?.status ?? 'no execution JSON'})`;
}

function tableRow(outcome: RowOutcome): string {
	const cells = [
		outcome.spec.label,
		integer(outcome.delivered),
		integer(outcome.duplicates),
		integer(outcome.lost),
		integer(outcome.refused429),
		outcome.execute === undefined ? '—' : (outcome.execute.ms / 1000).toFixed(1),
		outcome.firstAcceptedS === undefined ? '—' : outcome.firstAcceptedS.toFixed(2),
		outcome.wallShare === undefined ? '—' : outcome.wallShare.toFixed(3),
		outcome.cpuPerItemMs === undefined ? '—' : outcome.cpuPerItemMs.toFixed(2),
		outcome.peakRssMb === undefined ? '—' : outcome.peakRssMb.toFixed(0),
		failedCell(outcome),
	];
	return `| ${cells.join(' | ')} |`;
}

function detailRow(outcome: RowOutcome): string {
	const { spec, execution, setupFailure } = outcome;
	const error =
		setupFailure ??
		(execution?.errorMessage === undefined
			? 'none'
			: `"${execution.errorMessage.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 160)}" (node ${execution.errorNode ?? '—'})`);
	const cells = [
		spec.label,
		integer(outcome.requests),
		outcome.requestSpreadS === undefined ? '—' : outcome.requestSpreadS.toFixed(2),
		outcome.sendWindowS === undefined ? '—' : outcome.sendWindowS.toFixed(2),
		execution === undefined ? '—' : integer(execution.nodeRuns),
		execution === undefined ? '—' : integer(execution.outputItems),
		error,
	];
	return `| ${cells.join(' | ')} |`;
}

function markdown(outcomes: RowOutcome[], settings: BenchSettings, startedAt: Date, totalS: number, n8nNodeVersion: string): string {
	const cpu = cpus();
	const { items: ITEMS, oneWayDelayMs } = settings;
	const roundTrip = oneWayDelayMs === 0 ? 'next door' : `${2 * oneWayDelayMs} + 0–${2 * DELAY_JITTER_MS} ms away`;
	return [
		`## Real n8n ${N8N_VERSION} CLI: ${integer(ITEMS)} texts against the local sandbox (${REQUESTS_PER_SECOND} requests/s per token, ${roundTrip})`,
		'',
		`Date: ${startedAt.toISOString()} · machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores · n8n ${N8N_VERSION} on Node ${n8nNodeVersion} (script and sandbox: Node ${process.version}) · command: \`npm run bench:n8n\` · ${totalS.toFixed(0)} s in all`,
		'',
		'| sending node | delivered | duplicates | lost | 429s | wall time s | first message s | wall share | CPU ms per item | peak RSS MB | run failed |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
		...outcomes.map(tableRow),
		'',
		`Each row: \`n8n execute --id X --rawOutput\` of Manual Trigger → Code (${ITEMS} items \`{ contactId: 'c-1' … 'c-${ITEMS}' }\`) → the sending node (dev/e2e/fixtures/bench-*.json), ` +
			'a fresh sandbox and a fresh n8n user folder per row. HTTP Request: POST `<baseUrl>/v1/message/sendContent/{{ $json.contactId }}`, JSON body `{"body":[{"type":"text","text":"Hi"}]}`, ' +
			'`Authorization: Bearer <token>` from a Header Auth credential. ' +
			'`delivered`: distinct contacts the sandbox accepted; `duplicates`: accepted beyond the first per contact; ' +
			`\`lost\`: ${ITEMS} − delivered; \`429s\`: the sandbox's 429 answers; \`wall time\`: \`n8n execute\` spawn → exit (includes n8n's start-up, ~5–7 s); ` +
			"`first message`: the sending node's start (its `startTime` in n8n's runData) → the first accepted request reaching the sandbox; " +
			`\`wall share\`: (ceil(N/${REQUESTS_PER_SECOND}) − 1) s over the node's start → the last accepted request (only when all were delivered); ` +
			"`CPU ms per item`: the n8n process's CPU time (user + system, dev/scripts/cpuTimeline.cjs sampling every 50 ms) from the node's start to its end in runData, over N; `peak RSS`: the n8n process's maxRSS (n8n itself included); " +
			'`run failed`: non-zero exit or an execution status other than success.',
		'',
		'Details:',
		'',
		'| sending node | requests | first → last request s | first request → last accepted s | node runs in runData | output items | execution error |',
		'|---|---:|---:|---:|---:|---:|---|',
		...outcomes.map(detailRow),
		'',
		`Retry On Fail retries inside one node run (runData keeps one entry): \`requests\` / ${ITEMS} is the number of tries. ` +
			`The ChatCentral row's physical minimum at ${REQUESTS_PER_SECOND}/s is (ceil(${ITEMS}/${REQUESTS_PER_SECOND}) − 1) = ${Math.ceil(ITEMS / REQUESTS_PER_SECOND) - 1} s from first request to last accepted.`,
	].join('\n') + '\n';
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			tarball: { type: 'string' },
			keep: { type: 'boolean', default: false },
			items: { type: 'string', default: String(DEFAULT_ITEMS) },
			'one-way-delay-ms': { type: 'string', default: '0' },
			rows: { type: 'string' },
			'cpu-prof': { type: 'string' },
		},
	});
	const items = Number(values.items);
	const oneWayDelayMs = Number(values['one-way-delay-ms']);
	if (!Number.isInteger(items) || items < 1 || !Number.isInteger(oneWayDelayMs) || oneWayDelayMs < 0) {
		throw new Error('--items must be a positive whole number, --one-way-delay-ms a whole number ≥ 0');
	}
	const rowIds = values.rows?.split(',');
	const rows = rowIds === undefined ? ROWS.filter((row) => row.id !== 'http-batching-24') : ROWS.filter((row) => rowIds.includes(row.id));
	if (rows.length === 0) throw new Error(`--rows: none of ${ROWS.map((row) => row.id).join(', ')}`);
	const nodeVersion = await run(N8N_NODE, ['--version'], { cwd: REPO_ROOT, env: process.env, limitMs: 30_000 }).catch(() => undefined);
	if (nodeVersion?.code !== 0) throw new Error(`n8n ${N8N_VERSION} / Node 24 not provisioned (${N8N_NODE}): run dev/e2e/provision.sh`);
	const startedAt = new Date();
	process.stderr.write(values.tarball === undefined ? 'build + pack … ' : `tarball ${values.tarball}\n`);
	const tarball =
		values.tarball === undefined
			? await buildAndPack(mkdtempSync(join(tmpdir(), 'chatcentral-bench-n8n-pack.')), () => undefined)
			: resolve(values.tarball);
	if (values.tarball === undefined) process.stderr.write(`${tarball}\n`);
	const outcomes: RowOutcome[] = [];
	const cpuProfileDir = values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']);
	const settings: BenchSettings = { tarball, keep: values.keep, items, oneWayDelayMs, cpuProfileDir };
	for (const [index, spec] of rows.entries()) {
		process.stderr.write(`[${index + 1}/${rows.length}] ${spec.label} … `);
		const rowStartedAt = Date.now();
		const outcome = await runRow(spec, settings);
		outcomes.push(outcome);
		process.stderr.write(
			`${((Date.now() - rowStartedAt) / 1000).toFixed(1)} s: delivered ${outcome.delivered}, duplicates ${outcome.duplicates}, 429s ${outcome.refused429}, ` +
				`execute ${outcome.execute === undefined ? '—' : `${(outcome.execute.ms / 1000).toFixed(1)} s, exit ${outcome.execute.code}`}, ` +
				`first message ${outcome.firstAcceptedS?.toFixed(2) ?? '—'} s, wall share ${outcome.wallShare?.toFixed(3) ?? '—'}, CPU/item ${outcome.cpuPerItemMs?.toFixed(2) ?? '—'} ms, RSS ${outcome.peakRssMb?.toFixed(0) ?? '—'} MB` +
				`${outcome.setupFailure === undefined ? '' : ` SETUP FAILED: ${outcome.setupFailure}`}${values.keep ? ` (kept ${outcome.workDir})` : ''}\n`,
		);
	}
	if (values.tarball === undefined) rmSync(dirname(tarball), { recursive: true, force: true });
	const report = markdown(outcomes, settings, startedAt, (Date.now() - startedAt.getTime()) / 1000, nodeVersion.stdout.trim());
	mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
	writeFileSync(RESULTS_FILE, report);
	console.log(`\n${report}`);
	console.log(`Written to ${RESULTS_FILE}`);

	const ours = outcomes.find((outcome) => outcome.spec.id === 'chatcentral');
	const notRun = outcomes.filter((outcome) => outcome.setupFailure !== undefined || outcome.execute === undefined);
	const oursBad =
		ours !== undefined &&
		(ours.lost > 0 || ours.duplicates > 0 || ours.execute?.code !== 0 || ours.execution?.status !== 'success');
	if (notRun.length > 0 || oursBad) {
		console.error(
			`FAILED: ${[oursBad ? 'the ChatCentral row lost, duplicated or failed' : undefined, ...notRun.map(({ spec }) => `${spec.label} did not run`)]
				.filter((part) => part !== undefined)
				.join('; ')}`,
		);
		process.exitCode = 1;
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
