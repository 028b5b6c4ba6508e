import { createServer } from 'node:net';

import { freePort } from './freePort';

async function listenOn(port: number): Promise<void> {
	const server = createServer();
	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(port, '127.0.0.1', done);
	});
	await new Promise((done) => server.close(done));
}

describe('freePort', () => {
	it('never hands out a port twice, nor one the kernel picks for listen(0) or outgoing connections', async () => {
		const ports: number[] = [];
		for (let count = 0; count < 300; count++) ports.push(await freePort());

		expect(new Set(ports).size).toBe(ports.length);
		for (const port of ports) {
			expect(port).toBeGreaterThanOrEqual(20_000);
			expect(port).toBeLessThan(32_768);
		}
		for (const port of ports.slice(0, 20)) await listenOn(port);
	});
});
