import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { AcceptedMessage } from '../../dev/sandbox/server';
import { REQUEST_TIMES_PATH, type RequestTimesEntry } from '../../dev/sandbox/serveRequestTimes';
import { runSandboxCli } from '../sandboxCli';

/** The sandbox CLI (`npm run sandbox`) in a process of its own: what a node test needs of it. */
export interface SandboxProcess {
	baseUrl: string;
	token: string;
	/** Every request so far, stamped by the sandbox's own event loop (see REQUEST_TIMES_PATH). */
	requestTimes(): Promise<RequestTimesEntry[]>;
	/** The accepted messages, from its record file. */
	accepted(): AcceptedMessage[];
	close(): Promise<void>;
}

/**
 * Starts the sandbox in a child process. A sandbox in the test's own process stamps arrivals
 * when that process's event loop gets to them, and n8n's engine holds the loop while it prepares
 * items: arrivals a second apart can be stamped closer. ChatCentral stamps them on a machine of
 * its own, and so does this one (on a busy CPU it still waits for its turn, but not for n8n).
 */
export async function startSandboxProcess(): Promise<SandboxProcess> {
	const folder = mkdtempSync(join(tmpdir(), 'chatcentral-sandbox-process-'));
	const recordFile = join(folder, 'messages.jsonl');
	const cli = runSandboxCli(['--record', recordFile], { cwd: folder });
	await cli.waitFor(/Press Ctrl\+C to stop\./);
	const baseUrl = /Base URL: +(\S+)\n/.exec(cli.output())?.[1] ?? '';
	const token = /Token: +(\S+)\n/.exec(cli.output())?.[1] ?? '';
	return {
		baseUrl,
		token,
		requestTimes: async () => (await (await fetch(new URL(REQUEST_TIMES_PATH, baseUrl))).json()) as RequestTimesEntry[],
		accepted: () =>
			readFileSync(recordFile, 'utf8')
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => JSON.parse(line) as AcceptedMessage),
		close: async () => {
			cli.stop();
			await cli.exited;
			rmSync(folder, { recursive: true, force: true });
		},
	};
}
