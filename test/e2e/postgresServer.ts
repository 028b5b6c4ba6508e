// PostgreSQL for n8n's queue mode: n8n's main and its workers write executions to one database
// at once, which SQLite refuses (measured: a worker's run failed on "SQLITE_BUSY: database is
// locked"; n8n itself warns that scaling mode needs PostgreSQL). Debian's postgresql
// (`apt-get install postgresql`; .ci/run installs it), a fresh throwaway cluster on 127.0.0.1 per
// test or benchmark, run as the `postgres` system user when we are root (PostgreSQL refuses root).

import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import { startServerProcess, type ChildProcessGroup } from './childProcessGroup';
import { freePort } from './freePort';

const POSTGRES_LIB = '/usr/lib/postgresql';
const READY_LIMIT_MS = 60_000;
/** The cluster's superuser; the cluster trusts local connections, so it has no password. */
export const POSTGRES_USER = 'n8n';
export const POSTGRES_DATABASE = 'postgres';

export interface PostgresServer {
	port: number;
	process: ChildProcessGroup;
	/** Its temp folder: the cluster's data, its socket and log. */
	dir: string;
}

/** The newest installed PostgreSQL's bin folder. */
function binDir(): string {
	const versions = existsSync(POSTGRES_LIB)
		? readdirSync(POSTGRES_LIB).filter((version) => existsSync(join(POSTGRES_LIB, version, 'bin', 'postgres')))
		: [];
	const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
	if (newest === undefined) throw new Error(`no PostgreSQL under ${POSTGRES_LIB}: install Debian's postgresql (apt-get install postgresql)`);
	return join(POSTGRES_LIB, newest, 'bin');
}

/** The command line running `program` as the postgres system user if we are root. */
function asPostgresUser(program: string, args: string[]): [string, string[]] {
	if (userInfo().uid !== 0) return [program, args];
	return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', program, ...args]];
}

/** initdb into a new temp folder and starts postgres on a free loopback port; resolves once it accepts connections. */
export async function startPostgres(): Promise<PostgresServer> {
	const bin = binDir();
	const workDir = mkdtempSync(join(tmpdir(), 'chatcentral-postgres-'));
	if (userInfo().uid === 0) {
		const postgres = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		chownSync(workDir, Number(postgres.stdout.trim()), Number(gid.stdout.trim()));
	}
	const dataDir = join(workDir, 'data');
	const [initdb, initdbArgs] = asPostgresUser(join(bin, 'initdb'), ['-D', dataDir, '-U', POSTGRES_USER, '--auth=trust', '-E', 'UTF8', '--no-sync']);
	const init = spawnSync(initdb, initdbArgs, { encoding: 'utf8', cwd: workDir });
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);

	const port = await freePort();
	const logFile = join(workDir, 'postgres.log');
	// A throwaway database: durability settings off, for speed
	const [postgres, postgresArgs] = asPostgresUser(join(bin, 'postgres'), [
		'-D', dataDir, '-p', String(port), '-k', workDir,
		'-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
	]);
	const server = await startServerProcess(postgres, postgresArgs, {
		cwd: workDir,
		env: process.env,
		logFile,
		graceMs: 10_000,
		readyLine: 'database system is ready to accept connections',
		limitMs: READY_LIMIT_MS,
	});
	return { port, process: server, dir: workDir };
}
