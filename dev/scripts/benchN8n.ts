// `npm run bench:n8n` (add `-- --tarball x.tgz` to skip build + pack, `-- --keep` to keep each
// row's temp folder: n8n user folder, database, execute output).
//
// The REAL n8n 2.41.1 CLI (provisioned by dev/e2e/provision.sh into .cache/, run on its Node 24),
// side by side: each row is one `n8n execute --id X --rawOutput` of a workflow
// Manual Trigger → Code (300 items { contactId: 'c-1' … 'c-300' }) → a sending node,
// against the local sandbox at 25 requests/s per token. Every row gets a fresh sandbox (started
// in this process) and a fresh n8n user folder (own SQLite database, own encryption key, the
// packed package installed the way n8n installs community packages, dev/e2e/lib.sh). Workflows are
// dev/e2e/fixtures/bench-*.json with __BASE_URL__ replaced by that row's sandbox URL. Prints a
// Markdown table and writes it to .tmp/bench-n8n-results.md. Exits non-zero if the ChatCentral
// row lost or duplicated a message, failed, or a row did not run.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

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
const ITEMS = 300;
const CONTACTS = Array.from({ length: ITEMS }, (_, index) => `c-${index + 1}`);
const EXECUTE_LIMIT_MS = 300_000;
const COMMAND_LIMIT_MS = 120_000;

type CredentialKind = 'chatCentralApi' | 'httpHeaderAuth';

interface RowSpec {
	label: string;
	fixture: string;
	credential: CredentialKind;
	/** The node whose output items are counted. */
	senderNode: string;
}

const ROWS: RowSpec[] = [
	{ label: 'ChatCentral node, defaults', fixture: 'bench-chatcentral.json', credential: 'chatCentralApi', senderNode: 'ChatCentral' },
	{ label: 'HTTP Request 4.5, defaults', fixture: 'bench-http-defaults.json', credential: 'httpHeaderAuth', senderNode: 'HTTP Request' },
	{ label: 'HTTP Request 4.5, Retry On Fail (5 tries, 1000 ms)', fixture: 'bench-http-retry.json', credential: 'httpHeaderAuth', senderNode: 'HTTP Request' },
	{ label: 'HTTP Request 4.5, Batching 25 items / 1000 ms', fixture: 'bench-http-batching.json', credential: 'httpHeaderAuth', senderNode: 'HTTP Request' },
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
				runData?: Record<string, Array<{ data?: { main?: unknown[][] } }>>;
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
	};
}

function measure(sandbox: Sandbox): Omit<RowOutcome, 'spec' | 'execute' | 'execution' | 'setupFailure' | 'workDir'> {
	const arrivals = sandbox.requests().map((request) => request.arrivedAtMs);
	return {
		...measureRun(sandbox, new Set(CONTACTS), REQUESTS_PER_SECOND),
		requests: arrivals.length,
		requestSpreadS: arrivals.length === 0 ? undefined : (Math.max(...arrivals) - Math.min(...arrivals)) / 1000,
	};
}

async function runRow(spec: RowSpec, tarball: string, keep: boolean): Promise<RowOutcome> {
	const workDir = mkdtempSync(join(tmpdir(), `chatcentral-bench-n8n-${N8N_VERSION}.`));
	const userFolder = join(workDir, 'user');
	mkdirSync(userFolder);
	const env = n8nEnv(userFolder, await freePort());
	const n8n = (args: string[], limitMs = COMMAND_LIMIT_MS): Promise<CommandResult> =>
		run(N8N_NODE, [N8N_CLI, ...args], { cwd: workDir, env, limitMs });
	const sandbox = await startSandbox({ requestsPerSecond: REQUESTS_PER_SECOND });
	const base = { spec, workDir, execute: undefined, execution: undefined };
	try {
		const setupFailed = (what: string, result: CommandResult): RowOutcome => ({
			...base,
			...measure(sandbox),
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
		const workflow = JSON.parse(fixtureText.split('__BASE_URL__').join(sandbox.baseUrl)) as { id: string };
		const workflowPath = join(workDir, 'workflow.json');
		writeFileSync(workflowPath, JSON.stringify([workflow]));
		const importWorkflow = await n8n(['import:workflow', `--input=${workflowPath}`]);
		if (importWorkflow.code !== 0) return setupFailed('import:workflow', importWorkflow);

		sandbox.reset(); // nothing reached it yet; makes sure the counts are the execute's alone
		const execute = await n8n(['execute', '--id', workflow.id, '--rawOutput'], EXECUTE_LIMIT_MS);
		writeFileSync(join(workDir, 'execute.out'), redact(execute.stdout, sandbox.token));
		writeFileSync(join(workDir, 'execute.err'), redact(execute.stderr, sandbox.token));
		const execution = parseExecution(execute.stdout, spec.senderNode);
		if (execution?.errorMessage !== undefined) execution.errorMessage = redact(execution.errorMessage, sandbox.token);
		return { ...base, execute, execution, ...measure(sandbox) };
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

function markdown(outcomes: RowOutcome[], startedAt: Date, totalS: number, n8nNodeVersion: string): string {
	const cpu = cpus();
	return [
		`## Real n8n ${N8N_VERSION} CLI: ${ITEMS} texts against the local sandbox (${REQUESTS_PER_SECOND} requests/s per token)`,
		'',
		`Date: ${startedAt.toISOString()} · machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores · n8n ${N8N_VERSION} on Node ${n8nNodeVersion} (script and sandbox: Node ${process.version}) · command: \`npm run bench:n8n\` · ${totalS.toFixed(0)} s in all`,
		'',
		'| sending node | delivered | duplicates | lost | 429s | wall time s | run failed |',
		'|---|---:|---:|---:|---:|---:|---|',
		...outcomes.map(tableRow),
		'',
		`Each row: \`n8n execute --id X --rawOutput\` of Manual Trigger → Code (${ITEMS} items \`{ contactId: 'c-1' … 'c-${ITEMS}' }\`) → the sending node (dev/e2e/fixtures/bench-*.json), ` +
			'a fresh sandbox and a fresh n8n user folder per row. HTTP Request: POST `<baseUrl>/v1/message/sendContent/{{ $json.contactId }}`, JSON body `{"body":[{"type":"text","text":"Hi"}]}`, ' +
			'`Authorization: Bearer <token>` from a Header Auth credential. ' +
			'`delivered`: distinct contacts the sandbox accepted; `duplicates`: accepted beyond the first per contact; ' +
			`\`lost\`: ${ITEMS} − delivered; \`429s\`: the sandbox's 429 answers; \`wall time\`: \`n8n execute\` spawn → exit (includes n8n's start-up, ~5–7 s); ` +
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
	const { values } = parseArgs({ options: { tarball: { type: 'string' }, keep: { type: 'boolean', default: false } } });
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
	for (const [index, spec] of ROWS.entries()) {
		process.stderr.write(`[${index + 1}/${ROWS.length}] ${spec.label} … `);
		const rowStartedAt = Date.now();
		const outcome = await runRow(spec, tarball, values.keep);
		outcomes.push(outcome);
		process.stderr.write(
			`${((Date.now() - rowStartedAt) / 1000).toFixed(1)} s: delivered ${outcome.delivered}, duplicates ${outcome.duplicates}, 429s ${outcome.refused429}, ` +
				`execute ${outcome.execute === undefined ? '—' : `${(outcome.execute.ms / 1000).toFixed(1)} s, exit ${outcome.execute.code}`}` +
				`${outcome.setupFailure === undefined ? '' : ` SETUP FAILED: ${outcome.setupFailure}`}${values.keep ? ` (kept ${outcome.workDir})` : ''}\n`,
		);
	}
	if (values.tarball === undefined) rmSync(dirname(tarball), { recursive: true, force: true });
	const report = markdown(outcomes, startedAt, (Date.now() - startedAt.getTime()) / 1000, nodeVersion.stdout.trim());
	mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
	writeFileSync(RESULTS_FILE, report);
	console.log(`\n${report}`);
	console.log(`Written to ${RESULTS_FILE}`);

	const ours = outcomes[0];
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
