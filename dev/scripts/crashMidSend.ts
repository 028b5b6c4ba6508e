// `npm run bench:crash -- [--version 2.41.1|1.123.81] [--batches] [--queue [--workers 1]] [--contacts 200]
// [--kill-after 66] [--one-way-delay-ms 100] [--runs 3] [--tarball x.tgz] [--keep]`
//
// n8n killed in the middle of a send, as a user meets it (test/e2e/crashMidSend.ts): real n8n in
// regular mode on SQLite (provisioned by dev/e2e/provision.sh into .cache/: set E2E_CACHE_DIR), or
// with --queue n8n 2.41.1 in queue mode (test/e2e/queueCluster.ts: Redis, PostgreSQL, a main
// instance and --workers workers, all killed and restarted; Redis and PostgreSQL stay up),
// the sandbox at 25 requests/s and --one-way-delay-ms away, an event naming --contacts contacts
// posted to examples/send-once-key.json (or, with --batches, send-once-key-batches.json: batches
// of 20, each a sub-workflow execution). First --runs undisturbed sends of fresh events (the
// wall time of the webhook's answer), then twice: n8n's process group killed (SIGKILL) once
// --kill-after messages were accepted, n8n started again on the same folder, then n8n's Retry of
// the killed execution, or the same event posted again. Prints what the contacts received, as a
// Markdown table, and writes it to .tmp/crash-mid-send-<version>[-batches].md.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { startSandbox } from '../sandbox/server';
import { measureRun } from './runMeasurement';
import { BATCHES, crashMidSend, killSwitch, ONE_EXECUTION, type CrashOutcome } from '../../test/e2e/crashMidSend';
import { QUEUE_N8N_VERSION, startQueueCluster } from '../../test/e2e/queueCluster';
import { buildAndPack, callWebhook, N8N_VERSIONS, provision, REPO_ROOT, startN8n, type N8nVersion } from '../../test/e2e/realN8n';

const { values } = parseArgs({
	options: {
		version: { type: 'string', default: '2.41.1' },
		batches: { type: 'boolean', default: false },
		queue: { type: 'boolean', default: false },
		workers: { type: 'string', default: '1' },
		contacts: { type: 'string', default: '200' },
		'kill-after': { type: 'string', default: '66' },
		'one-way-delay-ms': { type: 'string', default: '100' },
		runs: { type: 'string', default: '3' },
		tarball: { type: 'string' },
		keep: { type: 'boolean', default: false },
	},
});
const version = (values.queue ? QUEUE_N8N_VERSION : values.version) as N8nVersion;
if (!N8N_VERSIONS.includes(version)) throw new Error(`--version: one of ${N8N_VERSIONS.join(', ')}`);
const contacts = Number(values.contacts);
const killAfter = Number(values['kill-after']);
const oneWayDelayMs = Number(values['one-way-delay-ms']);
const runs = Number(values.runs);
const workflow = values.batches ? BATCHES : ONE_EXECUTION;
const REQUESTS_PER_SECOND = 25;

const log = (line: string): void => {
	process.stdout.write(`[crash ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};
const median = (numbers: number[]): number => {
	const sorted = [...numbers].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (ms: number): string => (ms / 1000).toFixed(1);

async function main(): Promise<void> {
	const workDir = mkdtempSync(join(tmpdir(), 'chatcentral-crash-'));
	await provision([version], log, join(workDir, 'provision.log'));
	const tarball = values.tarball ?? (await buildAndPack(workDir, log));
	const kill = killSwitch();
	const sandbox = await startSandbox({ requestsPerSecond: REQUESTS_PER_SECOND, oneWayDelayMs, onRequest: kill.onRequest });
	const cluster = values.queue
		? await startQueueCluster({ tarball, sandbox, workers: Number(values.workers), concurrency: 2, moreWorkflows: workflow.files, log })
		: undefined;
	const server = cluster?.server ?? (await startN8n({ version, tarball, baseUrl: sandbox.baseUrl, token: sandbox.token, workflows: workflow.files, log }));
	const undisturbed: Array<{ ms: number; accepted: number; sendWindowS: number }> = [];
	const crashes: CrashOutcome[] = [];
	try {
		for (let run = 1; run <= runs; run++) {
			sandbox.reset();
			const eventId = `clean${run}`;
			const contactIds = Array.from({ length: contacts }, (_, index) => `${eventId}-${String(index + 1).padStart(3, '0')}`);
			const started = performance.now();
			const answer = await callWebhook(server, workflow.webhookPath, workflow.body(eventId, contactIds));
			const ms = performance.now() - started;
			const sendWindowS = measureRun(sandbox, new Set(contactIds), REQUESTS_PER_SECOND).sendWindowS ?? NaN;
			undisturbed.push({ ms, accepted: sandbox.accepted().length, sendWindowS });
			log(`undisturbed send ${run}: HTTP ${answer.status} after ${seconds(ms)} s, ${sandbox.accepted().length} accepted, send window ${sendWindowS.toFixed(1)} s`);
		}
		for (const after of ['retry', 'postAgain'] as const) {
			const outcome = await crashMidSend({
				server,
				sandbox,
				kill,
				workflow,
				eventId: after === 'retry' ? 'killR' : 'killP',
				contacts,
				killAfter,
				after,
				settleMs: 2 * oneWayDelayMs + 1000,
				log,
			});
			log(JSON.stringify(outcome));
			crashes.push(outcome);
		}
	} finally {
		await (cluster ?? server).stop();
		await sandbox.close();
		if (values.keep) log(`kept ${server.workDir} and ${workDir}`);
		else {
			(cluster ?? server).remove();
			rmSync(workDir, { recursive: true, force: true });
		}
	}

	const table = [
		`**${workflow.label}**, n8n ${version}, ${values.queue ? `queue mode (PostgreSQL, Redis, main + ${values.workers} worker(s), all killed)` : 'regular mode, SQLite'}; ${contacts} contacts, the sandbox ${oneWayDelayMs} ms away (one way), ` +
			`${REQUESTS_PER_SECOND} requests/s; ${cpus().length} cores (shared); ${new Date().toISOString().slice(0, 10)}`,
		'',
		`Undisturbed: the webhook answered after ${undisturbed.map(({ ms }) => seconds(ms)).join(', ')} s (median ${seconds(median(undisturbed.map(({ ms }) => ms)))} s); ` +
			`first request to last accepted ${undisturbed.map(({ sendWindowS }) => sendWindowS.toFixed(1)).join(', ')} s (median ${median(undisturbed.map(({ sendWindowS }) => sendWindowS)).toFixed(1)} s); ` +
			`${undisturbed.map(({ accepted }) => accepted).join(', ')} messages accepted.`,
		'',
		'| after the restart | accepted at SIGKILL | accepted before the restart | the killed execution | follow-up | follow-up took s | messages in all | sent twice | lost |',
		'|---|---:|---:|---|---|---:|---:|---:|---:|',
		...crashes.map(
			(outcome) =>
				`| ${outcome.after === 'retry' ? "n8n's Retry of the killed execution" : 'the same event posted again'} | ${outcome.acceptedAtKill} | ${outcome.acceptedBeforeRestart} | ` +
				`${outcome.killed.id}: ${outcome.killed.status} | ${outcome.followUp.execution === undefined ? '' : `${outcome.followUp.execution}: `}${outcome.followUp.status} | ` +
				`${seconds(outcome.followUp.ms)} | ${outcome.total} for ${outcome.contacts} | ${outcome.sentAgain} | ${outcome.lost} |`,
		),
	].join('\n');
	process.stdout.write(`\n${table}\n`);
	mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
	writeFileSync(join(REPO_ROOT, '.tmp', `crash-mid-send-${version}${values.queue ? '-queue' : ''}${values.batches ? '-batches' : ''}.md`), `${table}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
