// n8n 2.41.1 (or QUEUE_N8N_VERSION) in queue mode against a sandbox: Redis, PostgreSQL, a main instance taking the
// webhooks and K workers running the executions, our packed package installed once in their shared user
// folder. Used by test/queue (npm run test:queue) and dev/scripts/benchQueue.ts (npm run bench:queue).

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type { Sandbox } from '../../dev/sandbox/server';
import { startPostgres, type PostgresServer } from './postgresServer';
import { startRedis, type RedisServer } from './redisServer';
import { callWebhook, N8N_VERSIONS, REPO_ROOT, startN8n, webhookPathsOf, type N8nServer, type N8nVersion } from './realN8n';

/** 2.41.1, or another provisioned version in QUEUE_N8N_VERSION (1.123.81: n8n 1.x queue mode). */
export const QUEUE_N8N_VERSION: N8nVersion = queueVersion(process.env.QUEUE_N8N_VERSION ?? '2.41.1');

function queueVersion(version: string): N8nVersion {
	const known = N8N_VERSIONS.find((candidate) => candidate === version);
	if (known === undefined) throw new Error(`QUEUE_N8N_VERSION ${version}: not one of ${N8N_VERSIONS.join(', ')}`);
	return known;
}
/** Webhook → Split Out (body.contacts) → ChatCentral Send Text to `contactId` with `text`. */
export const QUEUE_WORKFLOW = join(REPO_ROOT, 'dev', 'e2e', 'fixtures', 'queue-workflow.json');

export interface QueueCluster {
	server: N8nServer;
	/** Redis's and PostgreSQL's temp folders (their data and logs). */
	serviceDirs(): string[];
	/** Every process the cluster started: n8n main, its workers, Redis, PostgreSQL. */
	pids(): number[];
	/** Stops workers, main, Redis and PostgreSQL (each by its process id). Idempotent. */
	stop(): Promise<void>;
	/** Removes the temp folders (n8n's user folder and logs, the services' folders). */
	remove(): void;
}

export interface QueueClusterOptions {
	tarball: string;
	sandbox: Sandbox;
	workers: number;
	/** Executions each worker runs at once. */
	concurrency: number;
	/** The credential's Max Requests per Second, each worker's cap; default 25. */
	maxRequestsPerSecond?: number;
	/** Workflow files to import and publish beside QUEUE_WORKFLOW. */
	moreWorkflows?: string[];
	log: (line: string) => void;
}

export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const services: Array<RedisServer | PostgresServer> = [];
	const stopServices = async (): Promise<void> => {
		await Promise.all(services.map((service) => service.process.stop()));
	};
	const removeServices = (): void => {
		for (const service of services) rmSync(service.dir, { recursive: true, force: true });
	};
	let server: N8nServer;
	try {
		const redis = await startRedis();
		services.push(redis);
		const postgres = await startPostgres();
		services.push(postgres);
		server = await startN8n({
			version: QUEUE_N8N_VERSION,
			tarball: options.tarball,
			baseUrl: options.sandbox.baseUrl,
			token: options.sandbox.token,
			maxRequestsPerSecond: options.maxRequestsPerSecond,
			workflows: [QUEUE_WORKFLOW, ...(options.moreWorkflows ?? [])],
			queue: { redisPort: redis.port, postgresPort: postgres.port, workers: options.workers, concurrency: options.concurrency },
			log: options.log,
		});
	} catch (error) {
		await stopServices();
		removeServices();
		throw error;
	}
	return {
		server,
		serviceDirs: () => services.map((service) => service.dir),
		pids: () => [server.pid, ...server.workerPids(), ...services.map((service) => service.process.pid)],
		stop: async () => {
			await server.stop();
			await stopServices();
		},
		remove: () => {
			server.remove();
			removeServices();
		},
	};
}

/** The contacts of run `run` (1-based): q<run>-001 … */
function runContacts(run: number, itemsPerRun: number): string[] {
	return Array.from({ length: itemsPerRun }, (_, index) => `q${run}-${String(index + 1).padStart(3, '0')}`);
}

/** One webhook execution: how many contacts it sends to, and how long after the first it is fired. */
export interface RunSpec {
	contacts: number;
	startAfterMs?: number;
}

/** `runs` executions of `itemsPerRun` contacts each, fired at once. */
export function evenRuns(runs: number, itemsPerRun: number): RunSpec[] {
	return Array.from({ length: runs }, () => ({ contacts: itemsPerRun }));
}

/** Every contact `fireRuns(cluster, runs)` sends to. */
export function contactsOfRuns(runs: RunSpec[]): Set<string> {
	return new Set(runs.flatMap((spec, index) => runContacts(index + 1, spec.contacts)));
}

export interface RunAnswer {
	run: number;
	status: number;
	body: unknown;
	/** From firing the first run to this one answering. */
	ms: number;
}

/** Fires the webhook executions `runs` describes; resolves with each webhook's answer once all have answered. */
export async function fireRuns(cluster: QueueCluster, runs: RunSpec[]): Promise<RunAnswer[]> {
	const [webhookPath] = webhookPathsOf(QUEUE_WORKFLOW);
	const started = performance.now();
	return await Promise.all(
		runs.map(async (spec, index) => {
			const run = index + 1;
			if (spec.startAfterMs !== undefined) await new Promise((done) => setTimeout(done, spec.startAfterMs));
			const contacts = runContacts(run, spec.contacts).map((contactId) => ({ contactId, text: `Queue run ${run}: hello ${contactId}` }));
			const answer = await callWebhook(cluster.server, webhookPath, { contacts });
			return { run, ...answer, ms: performance.now() - started };
		}),
	);
}

const STARTED_EXECUTION = /Worker started execution (\S+) /;

/** The IDs of the executions each worker started, from its log ("Worker started execution …"). */
function executionsStartedPerWorker(cluster: QueueCluster): string[][] {
	return cluster.server.workerLogs().map((file) =>
		readFileSync(file, 'utf8')
			.split('\n')
			.flatMap((line) => STARTED_EXECUTION.exec(line)?.[1] ?? []),
	);
}

/** How many executions each worker started. */
export function executionsPerWorker(cluster: QueueCluster): number[] {
	return executionsStartedPerWorker(cluster).map((ids) => ids.length);
}

/** Each execution a worker started so far → that worker (1-based). */
export function workerPerExecution(cluster: QueueCluster): Map<string, number> {
	return new Map(executionsStartedPerWorker(cluster).flatMap((ids, index) => ids.map((id): [string, number] => [id, index + 1])));
}
