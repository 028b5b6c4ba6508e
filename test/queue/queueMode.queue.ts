// `npm run test:queue`: several n8n workers sharing one channel token. Real n8n 2.41.1 in queue
// mode (provisioned into .cache/ by dev/e2e/provision.sh): Redis and PostgreSQL from Debian's
// packages, a main instance taking the webhooks and two workers (two executions each) running
// them, our packed package installed as n8n installs it; the sandbox at 25 requests/s per token.
// Four webhook executions of 150 items each, fired at once: every message delivered exactly
// once, and ChatCentral never accepts more than 25 in a second. E2E_KEEP=1 keeps the folders.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { measureRun } from '../../dev/scripts/runMeasurement';
import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { contactsOfRuns, evenRuns, executionsPerWorker, fireRuns, QUEUE_N8N_VERSION, startQueueCluster, type QueueCluster, type RunAnswer } from '../e2e/queueCluster';
import { trackFailedAssertions } from '../e2e/failedAssertions';
import { buildAndPack, filesContaining, provision, workflowExecutions } from '../e2e/realN8n';

const WORKERS = 2;
const CONCURRENCY = 2;
const RUNS = 4;
const ITEMS_PER_RUN = 150;
const REQUESTS_PER_SECOND = 25;

const log = (line: string): void => {
	process.stdout.write(`[queue ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

/** Whether a process (or, for -pid, any process of that group) exists. */
function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

let packDir = '';
let sandbox: Sandbox | undefined;
let cluster: QueueCluster | undefined;
const anyFailed = trackFailedAssertions();

beforeAll(async () => {
	packDir = mkdtempSync(join(tmpdir(), 'chatcentral-queue-pack-'));
	await provision([QUEUE_N8N_VERSION], log, join(packDir, 'provision.log'));
	const tarball = await buildAndPack(packDir, log);
	sandbox = await startSandbox({ requestsPerSecond: REQUESTS_PER_SECOND });
	cluster = await startQueueCluster({ tarball, sandbox, workers: WORKERS, concurrency: CONCURRENCY, log });
});

// Also when a test failed or the cluster did not come up: nothing it started outlives the run.
afterAll(async () => {
	await cluster?.stop();
	await sandbox?.close();
	if (cluster && (anyFailed() || process.env.E2E_KEEP)) log(`kept: ${[cluster.server.workDir, ...cluster.serviceDirs()].join(', ')}`);
	else cluster?.remove();
	if (packDir) rmSync(packDir, { recursive: true, force: true });
});

describe(`n8n ${QUEUE_N8N_VERSION} queue mode, ${WORKERS} workers on one token`, () => {
	let answers: RunAnswer[] = [];

	it(`delivers ${RUNS} × ${ITEMS_PER_RUN} messages fired at once exactly once, never above ${REQUESTS_PER_SECOND} accepted in a second`, async () => {
		if (!cluster || !sandbox) throw new Error('the cluster did not start');
		const started = performance.now();
		answers = await fireRuns(cluster, evenRuns(RUNS, ITEMS_PER_RUN));
		const wallS = (performance.now() - started) / 1000;

		const contacts = contactsOfRuns(evenRuns(RUNS, ITEMS_PER_RUN));
		const measured = measureRun(sandbox, contacts, REQUESTS_PER_SECOND);
		const peakAccepted = sandbox.peakRequestsInAnyWindow({ statuses: 'admitted' });
		const perWorker = executionsPerWorker(cluster);
		log(
			`${measured.delivered}/${contacts.size} delivered, ${measured.duplicates} duplicates, ${measured.refused429} 429s, ` +
				`wall ${wallS.toFixed(1)} s (send window ${measured.sendWindowS?.toFixed(1) ?? '—'} s, ` +
				`${measured.shareOfLimit === undefined ? '—' : (measured.shareOfLimit * 100).toFixed(1)} % of the limit), ` +
				`peak ${peakAccepted} accepted in a second, executions per worker ${perWorker.join(' + ')}, ` +
				`webhooks answered in ${answers.map((answer) => (answer.ms / 1000).toFixed(1)).join(', ')} s`,
		);

		expect(answers.map((answer) => answer.status)).toEqual(Array(RUNS).fill(200));
		expect({ delivered: measured.delivered, duplicates: measured.duplicates }).toEqual({ delivered: RUNS * ITEMS_PER_RUN, duplicates: 0 });
		expect(sandbox.accepted()).toHaveLength(RUNS * ITEMS_PER_RUN);
		expect(peakAccepted).toBeLessThanOrEqual(REQUESTS_PER_SECOND);
		// Both workers sent (two executions each, as their concurrency allows): the token really was shared
		expect(perWorker).toEqual(Array(WORKERS).fill(RUNS / WORKERS));
	});

	it("records every execution as a success in n8n, with each item's message on the node's output", async () => {
		if (!cluster) throw new Error('the cluster did not start');
		const executions = await workflowExecutions(cluster.server, 'ccQueueFanOut001');
		expect(executions.map((execution) => execution.status)).toEqual(Array(RUNS).fill('success'));
		for (const execution of executions) {
			const sent = execution.outputs.ChatCentral?.[0] ?? [];
			expect(sent).toHaveLength(ITEMS_PER_RUN);
			expect(sent.every((item) => item.status === 'Success')).toBe(true);
		}
	});

	it('leaves the channel token in no log, database or file of n8n, Redis or PostgreSQL', async () => {
		if (!cluster || !sandbox) throw new Error('the cluster did not start');
		await cluster.stop(); // logs complete, databases written
		const folders = [cluster.server.workDir, ...cluster.serviceDirs()];
		expect(folders.flatMap((folder) => filesContaining(folder, sandbox?.token ?? ''))).toEqual([]);
	});

	it('has stopped every process it started, each by its id, with the processes they started', async () => {
		if (!cluster) throw new Error('the cluster did not start');
		const pids = cluster.pids();
		expect(pids).toHaveLength(WORKERS + 3); // main, workers, Redis, PostgreSQL
		await cluster.stop();
		expect(pids.filter(isRunning)).toEqual([]);
		// Each was started as the leader of its own process group (n8n's task runners, PostgreSQL's backends)
		expect(pids.filter((pid) => isRunning(-pid))).toEqual([]);
	});
});
