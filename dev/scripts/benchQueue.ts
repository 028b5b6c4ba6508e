// `npm run bench:queue`: n8n's queue mode with 1, 2 and 3 workers on one channel token, each
// tuning its share itself, then 2 and 3 workers with a fixed split set in the credential.
//
// Each row: a fresh sandbox (25 requests/s per token) and a fresh real n8n 2.41.1 cluster
// (test/e2e/queueCluster.ts: Redis, PostgreSQL, a main instance, K workers), then 600 messages
// to 600 contacts in webhook executions fired at once: 6 of 100, spread evenly over the
// workers, or 1 of 600 (one worker busy, the other idle). Prints a
// Markdown table and writes it to .tmp/bench-queue-results.md. Exits non-zero if a row lost or
// duplicated a message. Needs e2e/provision.sh's n8n (run here if missing), Debian's
// redis-server and postgresql.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { startSandbox } from '../sandbox/server';
import { contactsOfRuns, executionsPerWorker, fireRuns, QUEUE_N8N_VERSION, startQueueCluster } from '../../test/e2e/queueCluster';
import { buildAndPack, provision } from '../../test/e2e/realN8n';
import { measureRun, type RunMeasurement } from './runMeasurement';

const REPO_ROOT = resolve(__dirname, '..', '..');
const RESULTS_FILE = join(REPO_ROOT, '.tmp', 'bench-queue-results.md');
const REQUESTS_PER_SECOND = 25;
const MESSAGES = 600;
/**
 * Self-tuning (the default credential), then a fixed split set in the credential for
 * comparison; last, all 600 in one execution, so one of two workers is busy and one idle.
 */
const ROWS: RowSpec[] = [
	{ workers: 1, runs: 6 },
	{ workers: 2, runs: 6 },
	{ workers: 3, runs: 6 },
	{ workers: 2, runs: 6, fixedShare: 12 },
	{ workers: 3, runs: 6, fixedShare: 8 },
	{ workers: 2, runs: 1 },
	{ workers: 2, runs: 1, fixedShare: 12 },
];

interface RowSpec {
	workers: number;
	/** Webhook executions fired at once, MESSAGES / runs contacts each. */
	runs: number;
	/** Max Requests per Second set in the credential; undefined: the default 25, each worker tuning itself. */
	fixedShare?: number;
}

interface Row extends RunMeasurement, RowSpec {
	/** Firing the webhooks → the last one answering (its execution finished). */
	wallS: number;
	peakAccepted: number;
	perWorker: number[];
	failedRuns: number;
}

const log = (line: string): void => {
	process.stderr.write(`[bench:queue ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

async function measureRow(tarball: string, { workers, runs, fixedShare }: RowSpec): Promise<Row> {
	const sandbox = await startSandbox({ requestsPerSecond: REQUESTS_PER_SECOND });
	try {
		const concurrency = Math.ceil(runs / workers);
		const cluster = await startQueueCluster({ tarball, sandbox, workers, concurrency, maxRequestsPerSecond: fixedShare, log });
		try {
			const itemsPerRun = MESSAGES / runs;
			const started = performance.now();
			const answers = await fireRuns(cluster, runs, itemsPerRun);
			const wallS = (performance.now() - started) / 1000;
			const contacts = contactsOfRuns(runs, itemsPerRun);
			return {
				workers,
				runs,
				fixedShare,
				wallS,
				...measureRun(sandbox, contacts, REQUESTS_PER_SECOND),
				peakAccepted: sandbox.peakRequestsInAnyWindow({ statuses: 'admitted' }),
				perWorker: executionsPerWorker(cluster),
				failedRuns: answers.filter((answer) => answer.status !== 200).length,
			};
		} finally {
			await cluster.stop();
			cluster.remove();
		}
	} finally {
		await sandbox.close();
	}
}

const percent = (share: number | undefined): string => (share === undefined ? '—' : `${(share * 100).toFixed(1)} %`);

function markdown(rows: Row[], startedAt: Date, totalS: number): string {
	const cpu = cpus();
	return `${[
		`## ChatCentral node in n8n ${QUEUE_N8N_VERSION} queue mode: 1, 2 and 3 workers on one token (sandbox at ${REQUESTS_PER_SECOND} requests/s)`,
		'',
		`Date: ${startedAt.toISOString()} · machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores · ${totalS.toFixed(0)} s in all`,
		'',
		'| workers | Max Requests per Second | executions × contacts | delivered | duplicates | lost | 429s | send window s | share of limit | peak accepted in 1 s | wall s | executions per worker | failed runs |',
		'|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
		...rows.map((row) =>
			[
				'',
				row.workers,
				row.fixedShare === undefined ? '25 (default): self-tuning' : `${row.fixedShare} each: fixed split`,
				`${row.runs} × ${MESSAGES / row.runs}`,
				row.delivered,
				row.duplicates,
				row.lost,
				row.refused429,
				row.sendWindowS?.toFixed(2) ?? '—',
				percent(row.shareOfLimit),
				row.peakAccepted,
				row.wallS.toFixed(1),
				row.perWorker.join(' + '),
				row.failedRuns,
				'',
			].join(' | ').trim(),
		),
		'',
		`Each row: ${MESSAGES} messages to ${MESSAGES} contacts in webhook executions fired at once (Webhook → Split Out → ChatCentral Send Text) on one credential, ` +
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
		const rows: Row[] = [];
		for (const spec of ROWS) {
			const row = await measureRow(tarball, spec);
			log(`${spec.workers} worker(s), ${spec.runs} execution(s), max ${spec.fixedShare ?? 25}/s: ${row.delivered} delivered, ${row.duplicates} duplicates, ${row.refused429} 429s, ${percent(row.shareOfLimit)} of the limit`);
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
