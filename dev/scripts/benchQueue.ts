// `npm run bench:queue`: n8n's queue mode with 1, 2 and 3 workers on one channel token, each
// tuning its share itself, then 2 and 3 workers with a fixed split set in the credential.
// `-- --row 2 --repeat 5` runs only the second row (2 self-tuning workers, 6 × 100), 5 times
// (a fresh cluster each), for medians.
//
// Each row: a fresh sandbox (25 requests/s per token) and a fresh real n8n 2.41.1 cluster
// (test/e2e/queueCluster.ts: Redis, PostgreSQL, a main instance, K workers), then 600 messages
// to 600 contacts in webhook executions fired at once: 6 of 100, spread evenly over the
// workers, or 1 of 600 (one worker busy, the other idle). Prints a
// Markdown table and writes it to .tmp/bench-queue-results.md. Exits non-zero if a row lost or
// duplicated a message. Needs dev/e2e/provision.sh's n8n (run here if missing), Debian's
// redis-server and postgresql.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { startSandbox } from '../sandbox/server';
import {
	contactsOfRuns,
	evenRuns,
	executionsPerWorker,
	fireRuns,
	QUEUE_N8N_VERSION,
	startQueueCluster,
	type RunSpec,
} from '../../test/e2e/queueCluster';
import { buildAndPack, provision } from '../../test/e2e/realN8n';
import { measureRun, type RunMeasurement } from './runMeasurement';

const REPO_ROOT = resolve(__dirname, '..', '..');
const RESULTS_FILE = join(REPO_ROOT, '.tmp', 'bench-queue-results.md');
const REQUESTS_PER_SECOND = 25;
const MESSAGES = 600;
// A real ChatCentral is 100–300 ms away: the sandbox plays it 150 ms away, give or take
const ONE_WAY_DELAY_MS = 75;
const DELAY_JITTER_MS = 3;
/**
 * Self-tuning (the default credential), then a fixed split set in the credential for
 * comparison; last, all 600 in one execution, so one of two workers is busy and one idle.
 */
const ROWS: RowSpec[] = [
	{ workers: 1, runs: evenRuns(6, 100) },
	{ workers: 2, runs: evenRuns(6, 100) },
	{ workers: 3, runs: evenRuns(6, 100) },
	{ workers: 2, runs: evenRuns(6, 100), fixedShare: 12 },
	{ workers: 3, runs: evenRuns(6, 100), fixedShare: 8 },
	{ workers: 2, runs: evenRuns(1, MESSAGES) },
	{ workers: 2, runs: evenRuns(1, MESSAGES), fixedShare: 12 },
	// A small send while a large one keeps the token busy: it must not wait for the large one
	{ workers: 2, runs: [{ contacts: 500 }, { contacts: 100, startAfterMs: 2000 }] },
];

interface RowSpec {
	workers: number;
	/** The webhook executions, MESSAGES contacts in all. */
	runs: RunSpec[];
	/** Max Requests per Second set in the credential; undefined: the default 25, each worker tuning itself. */
	fixedShare?: number;
}

interface Row extends RunMeasurement, RowSpec {
	/** Firing the webhooks → the last one answering (its execution finished). */
	wallS: number;
	peakAccepted: number;
	perWorker: number[];
	failedRuns: number;
	/** When each execution's webhook answered, from firing the first, in seconds. */
	answeredS: number[];
}

const log = (line: string): void => {
	process.stderr.write(`[bench:queue ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

async function measureRow(tarball: string, { workers, runs, fixedShare }: RowSpec): Promise<Row> {
	const sandbox = await startSandbox({
		requestsPerSecond: REQUESTS_PER_SECOND,
		oneWayDelayMs: ONE_WAY_DELAY_MS,
		delayJitterMs: DELAY_JITTER_MS,
	});
	try {
		const concurrency = Math.ceil(runs.length / workers);
		const cluster = await startQueueCluster({ tarball, sandbox, workers, concurrency, maxRequestsPerSecond: fixedShare, log });
		try {
			const started = performance.now();
			const answers = await fireRuns(cluster, runs);
			const wallS = (performance.now() - started) / 1000;
			const contacts = contactsOfRuns(runs);
			return {
				workers,
				runs,
				fixedShare,
				wallS,
				...measureRun(sandbox, contacts, REQUESTS_PER_SECOND),
				peakAccepted: sandbox.peakRequestsInAnyWindow({ statuses: 'admitted' }),
				perWorker: executionsPerWorker(cluster),
				failedRuns: answers.filter((answer) => answer.status !== 200).length,
				answeredS: answers.map((answer) => answer.ms / 1000),
			};
		} finally {
			await cluster.stop();
			cluster.remove();
		}
	} finally {
		await sandbox.close();
	}
}

function runsCell(runs: RunSpec[]): string {
	if (runs.every((run) => run.contacts === runs[0].contacts && run.startAfterMs === undefined)) {
		return `${runs.length} × ${runs[0].contacts}`;
	}
	return runs.map((run) => (run.startAfterMs === undefined ? `${run.contacts}` : `${run.contacts} (${run.startAfterMs / 1000} s later)`)).join(' + ');
}

const percent = (share: number | undefined): string => (share === undefined ? '—' : `${(share * 100).toFixed(1)} %`);

function markdown(rows: Row[], startedAt: Date, totalS: number): string {
	const cpu = cpus();
	return `${[
		`## ChatCentral node in n8n ${QUEUE_N8N_VERSION} queue mode: 1, 2 and 3 workers on one token (sandbox at ${REQUESTS_PER_SECOND} requests/s, ${2 * ONE_WAY_DELAY_MS} ms away)`,
		'',
		`Date: ${startedAt.toISOString()} · machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores · ${totalS.toFixed(0)} s in all`,
		'',
		'| workers | Max Requests per Second | executions × contacts | delivered | duplicates | lost | 429s | send window s | share of limit | peak accepted in 1 s | wall s | executions answered at s | executions per worker | failed runs |',
		'|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|',
		...rows.map((row) =>
			[
				'',
				row.workers,
				row.fixedShare === undefined ? '25 (default): self-tuning' : `${row.fixedShare} each: fixed split`,
				runsCell(row.runs),
				row.delivered,
				row.duplicates,
				row.lost,
				row.refused429,
				row.sendWindowS?.toFixed(2) ?? '—',
				percent(row.shareOfLimit),
				row.peakAccepted,
				row.wallS.toFixed(1),
				row.answeredS.map((seconds) => seconds.toFixed(1)).join(', '),
				row.perWorker.join(' + '),
				row.failedRuns,
				'',
			].join(' | ').trim(),
		),
		'',
		`Each row: ${MESSAGES} messages to ${MESSAGES} contacts in webhook executions fired at once (but where one is said to start later) (Webhook → Split Out → ChatCentral Send Text) on one credential, ` +
			`the sandbox playing ChatCentral ${2 * ONE_WAY_DELAY_MS} ms away (half each way, each trip up to ${DELAY_JITTER_MS} ms longer at random), ` +
			'spread evenly over the workers (with one execution, one worker sends and the others idle); every worker paces on its own. ' +
			'`429s`: the sandbox\'s refusals (the node retries them; they cost requests, not messages); ' +
			`\`send window\`: first request → last accepted (sandbox clock); \`share of limit\`: (ceil(${MESSAGES}/${REQUESTS_PER_SECOND}) − 1) s over the send window; ` +
			'`wall`: firing the webhooks → the last one answering (its execution done).',
	].join('\n')}\n`;
}

async function main(): Promise<void> {
	const startedAt = new Date();
	const workDir = mkdtempSync(join(tmpdir(), 'chatcentral-bench-queue-'));
	try {
		await provision([QUEUE_N8N_VERSION], log, join(workDir, 'provision.log'));
		const tarball = await buildAndPack(workDir, log);
		const { values } = parseArgs({ options: { row: { type: 'string' }, repeat: { type: 'string', default: '1' } } });
		const chosen = values.row === undefined ? ROWS : [ROWS[Number(values.row) - 1]];
		const repeat = Number(values.repeat);
		if (chosen.some((spec) => spec === undefined) || !Number.isInteger(repeat) || repeat < 1) {
			throw new Error(`--row must be 1 to ${ROWS.length}, --repeat a whole number above 0`);
		}
		const rows: Row[] = [];
		for (const spec of chosen.flatMap((row) => Array.from({ length: repeat }, () => row))) {
			const row = await measureRow(tarball, spec);
			log(`${spec.workers} worker(s), executions ${runsCell(spec.runs)}, max ${spec.fixedShare ?? 25}/s: ${row.delivered} delivered, ${row.duplicates} duplicates, ${row.refused429} 429s, ${percent(row.shareOfLimit)} of the limit`);
			rows.push(row);
		}
		const report = markdown(rows, startedAt, (Date.now() - startedAt.getTime()) / 1000);
		mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
		writeFileSync(RESULTS_FILE, report);
		process.stdout.write(`\n${report}\nWritten to ${RESULTS_FILE}\n`);
		if (rows.some((row) => row.lost > 0 || row.duplicates > 0 || row.failedRuns > 0)) {
			process.stderr.write('FAILED: a row lost or duplicated messages, or an execution failed\n');
			process.exitCode = 1;
		}
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
