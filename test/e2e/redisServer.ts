// Redis for n8n's queue mode: Debian's redis-server (`apt-get install redis-server`; .ci/run
// installs it), one fresh instance on 127.0.0.1 per test or benchmark, nothing saved to disk.

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServerProcess, type ChildProcessGroup } from './childProcessGroup';
import { freePort } from './freePort';

export const REDIS_SERVER = '/usr/bin/redis-server';
const READY_LIMIT_MS = 20_000;

export interface RedisServer {
	port: number;
	process: ChildProcessGroup;
	/** Its temp folder: its log. */
	dir: string;
}

/** Starts redis-server on a free loopback port with its log in a new temp folder; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
	if (!existsSync(REDIS_SERVER)) {
		throw new Error(`${REDIS_SERVER} is missing: install Debian's redis-server (apt-get install redis-server)`);
	}
	const workDir = mkdtempSync(join(tmpdir(), 'chatcentral-redis-'));
	const port = await freePort();
	const logFile = join(workDir, 'redis.log');
	const redis = await startServerProcess(
		REDIS_SERVER,
		['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', workDir, '--daemonize', 'no'],
		{ cwd: workDir, env: process.env, logFile, graceMs: 5000, readyLine: 'Ready to accept connections', limitMs: READY_LIMIT_MS },
	);
	return { port, process: redis, dir: workDir };
}
