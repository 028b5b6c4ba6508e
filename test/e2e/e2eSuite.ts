// What every real-n8n suite of test/e2e starts with: the versions E2E_VERSIONS selects, a log
// line format, and the package built and packed once per file (after provisioning).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildAndPack, N8N_VERSIONS, provision, workflowExecutions, type ExecutionSummary, type N8nServer, type N8nVersion } from './realN8n';

/** E2E_VERSIONS=2.41.1 (comma-separated) selects; default every version CI runs. */
export const selectedVersions = (): N8nVersion[] => (process.env.E2E_VERSIONS?.split(',') ?? [...N8N_VERSIONS]) as N8nVersion[];

export const e2eLog = (line: string): void => {
	process.stdout.write(`[e2e ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Provisions `versions` and builds and packs the package before the file's tests; returns the tarball's path when asked. */
export function packedPackage(versions: N8nVersion[]): () => string {
	let packDir = '';
	let tarball = '';
	beforeAll(async () => {
		if (versions.length === 0) return;
		packDir = mkdtempSync(join(tmpdir(), 'chatcentral-e2e-pack-'));
		await provision(versions, e2eLog, join(packDir, 'provision.log'));
		tarball = await buildAndPack(packDir, e2eLog);
	});
	afterAll(() => {
		if (packDir) rmSync(packDir, { recursive: true, force: true });
	});
	return () => tarball;
}

/** The workflow's newest execution once `done` says so (n8n saves it just after it changes); rejects after `limitMs`. */
export async function newestExecution(
	server: N8nServer,
	workflowId: string,
	done: (execution: ExecutionSummary) => boolean,
	limitMs = 30_000,
): Promise<ExecutionSummary> {
	const deadline = performance.now() + limitMs;
	for (;;) {
		const [newest] = await workflowExecutions(server, workflowId);
		if (newest !== undefined && done(newest)) return newest;
		if (performance.now() > deadline) throw new Error(`execution of ${workflowId}: ${newest?.status ?? 'none'} after ${limitMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
