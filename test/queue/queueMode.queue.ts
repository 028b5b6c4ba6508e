// `npm run test:queue`: several n8n workers sharing one channel token. Real n8n 2.41.1 in queue
// mode (provisioned into .cache/ by dev/e2e/provision.sh): Redis and PostgreSQL from Debian's
// packages, a main instance taking the webhooks and two workers (two executions each) running
// them, our packed package installed as n8n installs it; the sandbox at 25 requests/s per token.
// Four webhook executions of 150 items each, fired at once: every message delivered exactly
// once, and ChatCentral never accepts more than 25 in a second. Never twice across executions:
// n8n's Retry of a failed execution, run by the other worker, sends nothing twice. The same
// event (examples/send-once-key.json) fired at both workers at once is counted, not asserted:
// the Send Once Key is exact within one process, and between processes goes by the workflow's
// static data, saved at the end of each execution (last writer wins). Posted again after it
// finished, a worker that ran it sends nothing; what the other worker sends is counted (n8n 2.x
// starts a worker's new execution without the workflow's static data: it sends it again).
// E2E_KEEP=1 keeps the folders.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { measureRun } from '../../dev/scripts/runMeasurement';
import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { SCENARIOS, shippedEvent, shippedNotices } from '../e2e/exampleScenarios';
import {
	contactsOfRuns,
	evenRuns,
	executionsPerWorker,
	fireRuns,
	QUEUE_N8N_VERSION,
	startQueueCluster,
	workerPerExecution,
	type QueueCluster,
	type RunAnswer,
} from '../e2e/queueCluster';
import { trackFailedAssertions } from '../e2e/failedAssertions';
import { buildAndPack, callWebhook, EXAMPLES_DIR, filesContaining, provision, workflowExecutions } from '../e2e/realN8n';
import { expectEachContactOnce, failedExecution, messagesPerContact, RETRY_WORKFLOW, retryExecution } from '../e2e/retryScenario';

const WORKERS = 2;
const CONCURRENCY = 2;
const RUNS = 4;
const ITEMS_PER_RUN = 150;
const REQUESTS_PER_SECOND = 25;
/** Retries of failed executions at most, until one has run on the other worker than its original (both Retry buttons at least). */
const MAX_RETRIES = 4;
/** Distinct events, each posted twice at the same moment. */
const EVENTS_AT_ONCE = 10;
/** Distinct events, each posted this many times one after the other. */
const LATER_EVENTS = 3;
const POSTINGS_PER_LATER_EVENT = 3;

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
	cluster = await startQueueCluster({
		tarball,
		sandbox,
		workers: WORKERS,
		concurrency: CONCURRENCY,
		moreWorkflows: [RETRY_WORKFLOW.file, join(EXAMPLES_DIR, SCENARIOS.sendOnce.file)],
		log,
	});
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

	it("n8n's Retry of a failed execution sends nothing twice, also when the other worker runs the retry", async () => {
		if (!cluster || !sandbox) throw new Error('the cluster did not start');
		const ran: string[] = [];
		let onTheOtherWorker = 0;
		for (let attempt = 1; attempt <= MAX_RETRIES && (attempt <= 2 || onTheOtherWorker === 0); attempt++) {
			sandbox.reset();
			const batch = `qretry${attempt}`;
			const loadWorkflow = attempt % 2 === 0;
			const failed = await failedExecution(cluster.server, sandbox, batch);
			expect(Object.values(messagesPerContact(sandbox, batch))).toEqual(Array(RETRY_WORKFLOW.contacts - 1).fill(1));
			const retried = await retryExecution(cluster.server, failed.id, loadWorkflow);
			expectEachContactOnce(sandbox, batch, failed, retried);
			const workers = workerPerExecution(cluster);
			if (workers.get(failed.id) !== workers.get(retried.id)) onTheOtherWorker += 1;
			ran.push(`${failed.id} on worker ${workers.get(failed.id)} → retry ${retried.id} (loadWorkflow ${String(loadWorkflow)}) on worker ${workers.get(retried.id)}`);
		}
		log(`retries: ${ran.join('; ')}: each of ${RETRY_WORKFLOW.contacts} contacts got exactly one message every time`);
		expect(onTheOtherWorker).toBeGreaterThan(0);
	});

	/** Posts `body` to send-once-key.json; gives the answer, the worker that ran the execution and how many messages it sent. */
	const postEvent = async (body: Record<string, unknown>) => {
		if (!cluster || !sandbox) throw new Error('the cluster did not start');
		const seen = new Set(workerPerExecution(cluster).keys());
		const accepted = sandbox.accepted().length;
		const answer = await callWebhook(cluster.server, SCENARIOS.sendOnce.webhookPath, body);
		const worker = [...workerPerExecution(cluster)].find(([id]) => !seen.has(id))?.[1];
		return { answer, worker, sent: sandbox.accepted().length - accepted };
	};
	/** How many times the sandbox accepted each of the notices of order `orderId`. */
	const noticesAccepted = (orderId: string): number[] =>
		shippedNotices(orderId).map(
			({ contactId, payload }) =>
				sandbox?.accepted().filter((message) => message.contactId === contactId && JSON.stringify(message.payload) === JSON.stringify(payload)).length ?? 0,
		);

	it(`the same event fired at both workers at once, ${EVENTS_AT_ONCE} times: nothing lost, the duplicates counted`, async () => {
		if (!cluster || !sandbox) throw new Error('the cluster did not start');
		sandbox.reset();
		let duplicatedEvents = 0;
		let duplicateMessages = 0;
		let onBothWorkers = 0;
		for (let event = 1; event <= EVENTS_AT_ONCE; event++) {
			const before = new Set(workerPerExecution(cluster).keys());
			const body = shippedEvent(`qevt-${event}`, `Q-${event}`);
			const answers = await Promise.all([1, 2].map(async () => await callWebhook(cluster!.server, SCENARIOS.sendOnce.webhookPath, body)));
			expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
			const workers = [...workerPerExecution(cluster)].filter(([id]) => !before.has(id)).map(([, worker]) => worker);
			if (new Set(workers).size === WORKERS) onBothWorkers += 1;
			const counts = noticesAccepted(`Q-${event}`);
			// Nothing lost, and never more than once per posting
			for (const count of counts) expect([1, 2]).toContain(count);
			const extra = counts.reduce((sum, count) => sum + count - 1, 0);
			duplicateMessages += extra;
			if (extra > 0) duplicatedEvents += 1;
		}
		const keys = EVENTS_AT_ONCE * shippedNotices('').length;
		log(
			`same event at once on two workers: ${duplicatedEvents} of ${EVENTS_AT_ONCE} events sent twice to some contact ` +
				`(${duplicateMessages} duplicate messages of ${keys} keys); ${onBothWorkers} of ${EVENTS_AT_ONCE} pairs ran on both workers`,
		);
	});

	it('an event posted again after it finished: a worker that ran it sends nothing again (another worker is counted)', async () => {
		if (!cluster || !sandbox) throw new Error('the cluster did not start');
		sandbox.reset();
		const ran: string[] = [];
		let onAWorkerThatRanIt = 0;
		let onAnotherWorker = 0;
		let sentAgainByAnother = 0;
		for (let event = 1; event <= LATER_EVENTS; event++) {
			const body = shippedEvent(`qlater-${event}`, `QL-${event}`);
			const workersThatRanIt = new Set<number | undefined>();
			const postings: string[] = [];
			for (let posting = 1; posting <= POSTINGS_PER_LATER_EVENT; posting++) {
				const { answer, worker, sent } = await postEvent(body);
				expect(answer.status).toBe(200);
				if (posting === 1) expect(sent).toBe(shippedNotices('').length);
				else if (workersThatRanIt.has(worker)) {
					onAWorkerThatRanIt += 1;
					expect(sent).toBe(0);
				} else {
					onAnotherWorker += 1;
					sentAgainByAnother += sent;
				}
				workersThatRanIt.add(worker);
				postings.push(`worker ${worker}: ${sent} sent`);
			}
			// Nothing lost; at most once per worker
			for (const count of noticesAccepted(`QL-${event}`)) expect(count).toBeGreaterThanOrEqual(1);
			for (const count of noticesAccepted(`QL-${event}`)) expect(count).toBeLessThanOrEqual(workersThatRanIt.size);
			ran.push(postings.join(', '));
		}
		log(
			`${LATER_EVENTS} events posted ${POSTINGS_PER_LATER_EVENT} times one after the other (${ran.join('; ')}): ` +
				`${onAWorkerThatRanIt} later postings on a worker that had run the event sent nothing; ` +
				`${onAnotherWorker} on the other worker sent ${sentAgainByAnother} of ${onAnotherWorker * shippedNotices('').length} messages again`,
		);
		expect(onAWorkerThatRanIt).toBeGreaterThan(0);
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
