import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// tsx's loader (its package's entry), by path: the CLI runs in a folder of its own
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
const SANDBOX_CLI = resolve(__dirname, '../dev/sandbox/cli.ts');

/** The sandbox CLI (`npm run sandbox`) running in a child process. */
export interface RunningSandboxCli {
	child: ChildProcess;
	/** Its stdout and stderr so far, as they arrived. */
	output: () => string;
	/** The first match of `pattern` in its output, once printed; rejects if the CLI exits first. */
	waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
	/** Its exit code (null when a signal ended it). */
	exited: Promise<number | null>;
	/** SIGTERM, unless it has exited already: the CLI stops its sandbox and exits. */
	stop: () => void;
}

/** Starts the sandbox CLI with `args` in the folder `cwd`; `env` adds to the test's environment. */
export function runSandboxCli(args: string[], options: { cwd: string; env?: Record<string, string> }): RunningSandboxCli {
	// Node itself with tsx's loader, not tsx's CLI: that one relays a SIGTERM only if its child
	// reports the signal back within 30 ms, and kills it (exit 143) on a busy machine otherwise
	const child = spawn(process.execPath, ['--import', TSX_LOADER, SANDBOX_CLI, ...args], {
		cwd: options.cwd,
		env: { ...process.env, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const listeners = new Set<() => void>();
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		for (const listener of listeners) listener();
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
	const waitFor = (pattern: RegExp) =>
		new Promise<RegExpMatchArray>((resolveMatch, reject) => {
			const check = () => {
				const match = pattern.exec(output);
				if (match === null) return;
				listeners.delete(check);
				resolveMatch(match);
			};
			listeners.add(check);
			void exited.then(() => {
				check();
				if (listeners.delete(check)) reject(new Error(`The sandbox CLI exited before printing ${pattern}:\n${output}`));
			});
			check();
		});
	const stop = () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
	};
	return { child, output: () => output, waitFor, exited, stop };
}
