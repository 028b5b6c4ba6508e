import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Below the ranges the kernel picks ports from itself (Linux 32768–60999, macOS 49152–65535): a
 * port from listen(0) could come back from the next listen(0) (1 pair in 5,000 here; CI once gave
 * one n8n the same port for its server and its task broker) or be taken by any outgoing
 * connection before the server that was promised it starts listening.
 */
const LOWEST = 20_000;
const HIGHEST = 32_767;

const handedOut = new Set<number>();

/** A TCP port on 127.0.0.1 that was free a moment ago, never the same twice in one process. */
export async function freePort(): Promise<number> {
	for (;;) {
		const port = randomInt(LOWEST, HIGHEST + 1);
		if (handedOut.has(port) || !(await canListen(port))) continue;
		handedOut.add(port);
		return port;
	}
}

async function canListen(port: number): Promise<boolean> {
	return await new Promise((done) => {
		const server = createServer();
		server.once('error', () => done(false));
		server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
	});
}
