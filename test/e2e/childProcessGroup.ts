import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** A long-running program started in a process group of its own, its output going to a file. */
export interface ChildProcessGroup {
	pid: number;
	logFile: string;
	exited(): boolean;
	/** SIGTERM to the program, SIGKILL to its whole group if it is not gone after `graceMs`. Idempotent. */
	stop(): Promise<void>;
	/** SIGKILL to its whole group at once, as the kernel's out-of-memory killer does; resolves once it is gone. */
	kill(): Promise<void>;
}

const STOP_GRACE_MS = 20_000;

/**
 * Starts `command` detached in its own process group (n8n spawns task runners; they must go
 * with it), stdout and stderr appended to `logFile`.
 */
export function startProcessGroup(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; graceMs?: number },
): ChildProcessGroup {
	const fd = openSync(options.logFile, 'a');
	const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', fd, fd], detached: true });
	closeSync(fd);
	const pid = child.pid ?? -1;
	let exited = false;
	const exit = new Promise<void>((done) => {
		child.once('exit', () => {
			exited = true;
			done();
		});
		child.once('error', () => {
			exited = true;
			done();
		});
	});
	const killGroup = (): void => {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	};
	return {
		pid,
		logFile: options.logFile,
		exited: () => exited,
		kill: async () => {
			if (exited) return;
			killGroup();
			await exit;
		},
		stop: async () => {
			if (exited) return;
			child.kill('SIGTERM');
			const timer = setTimeout(killGroup, options.graceMs ?? STOP_GRACE_MS);
			await exit;
			clearTimeout(timer);
		},
	};
}

function logTail(group: ChildProcessGroup): string {
	return readFileSync(group.logFile, 'utf8').split('\n').slice(-40).join('\n');
}

/** Resolves once `text` appears in the group's log; rejects if it exits or `deadline` (performance.now()) passes first. */
export async function untilLogged(group: ChildProcessGroup, text: string, deadline: number): Promise<void> {
	while (!readFileSync(group.logFile, 'utf8').includes(text)) {
		if (group.exited()) throw new Error(`pid ${group.pid} exited before logging "${text}":\n${logTail(group)}`);
		if (performance.now() > deadline) throw new Error(`pid ${group.pid} did not log "${text}" in time:\n${logTail(group)}`);
		await new Promise((done) => setTimeout(done, 100));
	}
}

/** Starts a server program and waits for the line it logs once ready; stops it if that does not come within `limitMs`. */
export async function startServerProcess(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; graceMs?: number; readyLine: string; limitMs: number },
): Promise<ChildProcessGroup> {
	const group = startProcessGroup(command, args, options);
	try {
		await untilLogged(group, options.readyLine, performance.now() + options.limitMs);
	} catch (error) {
		await group.stop();
		throw error;
	}
	return group;
}
