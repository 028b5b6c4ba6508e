import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runSandboxCli, type RunningSandboxCli } from '../sandboxCli';

const ENV_TOKEN = 'env-standard-token-5f1c';
const ENV_VIBER_TOKEN = 'env-viber-token-8a2e';

let folder: string;

beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'chatcentral-sandbox-cli-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function runCli(args: string[]): RunningSandboxCli {
	return runSandboxCli(args, {
		cwd: folder,
		env: { CHATCENTRAL_SANDBOX_TOKEN: ENV_TOKEN, CHATCENTRAL_SANDBOX_VIBER_TOKEN: ENV_VIBER_TOKEN },
	});
}

async function post(baseUrl: string, token: string): Promise<{ status: number; retryAfter: string | null }> {
	const response = await fetch(`${baseUrl}/v1/message/sendContent/contact-1`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ body: [{ type: 'text', text: 'Hi' }] }),
	});
	await response.text();
	return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

async function send(baseUrl: string, token: string): Promise<number> {
	return (await post(baseUrl, token)).status;
}

function occurrences(text: string, part: string): number {
	return text.split(part).length - 1;
}

test('prints where it listens and its tokens once, logs requests without tokens, records, and stops on SIGTERM', async () => {
	const cli = runCli([]);
	try {
		const [, baseUrl] = await cli.waitFor(/Base URL: +(http:\/\/127\.0\.0\.1:\d+\/api)\n/);
		await cli.waitFor(/Press Ctrl\+C to stop\./);

		expect(await send(baseUrl, ENV_TOKEN)).toBe(200);
		expect(await send(baseUrl, ENV_VIBER_TOKEN)).toBe(403);
		expect(await send(baseUrl, 'wrong')).toBe(401);
		await cli.waitFor(/POST 401 -  API Token is invalid\./);

		const output = cli.output();
		expect(output).toMatch(/POST 200 standard  Message Sent  \/api\/v1\/message\/sendContent\/contact-1\n/);
		expect(output).toMatch(/POST 403 viber  Contact ID must be Base64-encoded for Viber channels /);
		expect(occurrences(output, ENV_TOKEN)).toBe(1);
		expect(occurrences(output, ENV_VIBER_TOKEN)).toBe(1);

		const recordFile = join(folder, '.tmp', 'sandbox-messages.jsonl');
		expect(output).toContain(`Recording to: ${recordFile}`);
		const lines = readFileSync(recordFile, 'utf8').trim().split('\n');
		expect(lines.map((line) => JSON.parse(line))).toEqual([
			expect.objectContaining({ sequence: 1, channel: 'standard', contactId: 'contact-1' }),
		]);

		cli.child.kill('SIGTERM');
		expect(await cli.exited).toBe(0);
		expect(cli.output()).toContain('Sandbox stopped.');
	} finally {
		cli.stop();
	}
});

test('flags override the environment', async () => {
	const cli = runCli(['--token', 'flag-token', '--viber-token', 'flag-viber', '--rps', '1', '--record', 'out/messages.jsonl']);
	try {
		const [, baseUrl] = await cli.waitFor(/Base URL: +(\S+)\n/);
		await cli.waitFor(/Press Ctrl\+C to stop\./);
		expect(cli.output()).toContain('Token:        flag-token\n');
		expect(cli.output()).toContain('Viber token:  flag-viber ');

		expect(await send(baseUrl, ENV_TOKEN)).toBe(401);
		expect(await send(baseUrl, 'flag-token')).toBe(200);
		expect(await send(baseUrl, 'flag-token')).toBe(429);
		expect(existsSync(join(folder, 'out', 'messages.jsonl'))).toBe(true);

		cli.child.kill('SIGINT');
		expect(await cli.exited).toBe(0);
	} finally {
		cli.stop();
	}
});

test.each([
	['seconds', /^1$/],
	['http-date', /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/],
])('--retry-after %s: 429s carry Retry-After in that form', async (form, retryAfter) => {
	const cli = runCli(['--retry-after', form, '--rps', '1']);
	try {
		const [, baseUrl] = await cli.waitFor(/Base URL: +(\S+)\n/);
		expect(await post(baseUrl, ENV_TOKEN)).toEqual({ status: 200, retryAfter: null });
		expect(await post(baseUrl, ENV_TOKEN)).toEqual({ status: 429, retryAfter: expect.stringMatching(retryAfter) });

		cli.child.kill('SIGTERM');
		expect(await cli.exited).toBe(0);
	} finally {
		cli.stop();
	}
});

test('--competitor-rps: another app sends on the standard token, and its summary is printed on stop', async () => {
	const cli = runCli(['--competitor-rps', '20']);
	try {
		await cli.waitFor(/Competing: +20 requests\/s on the standard token\n/);
		await cli.waitFor(/POST 200 standard  Message Sent  \/api\/v1\/message\/sendContent\/competitor-2\n/);

		cli.child.kill('SIGTERM');
		expect(await cli.exited).toBe(0);
		const [, sent, accepted] = /Competing sender: (\d+) sent, (\d+) accepted, 0 refused\.\n/.exec(cli.output()) ?? [];
		expect(Number(sent)).toBeGreaterThanOrEqual(2);
		expect(accepted).toBe(sent);
		expect(cli.output()).toContain('Sandbox stopped.');
	} finally {
		cli.stop();
	}
});

test('--one-way-delay-ms and --delay-jitter-ms: the API plays far away', async () => {
	const cli = runCli(['--one-way-delay-ms', '80', '--delay-jitter-ms', '5']);
	try {
		const [, baseUrl] = await cli.waitFor(/Base URL: +(\S+)\n/);
		expect(cli.output()).toContain('Far away:     80 ms each way (+ up to 5 ms)');
		const sentAt = performance.now();
		expect(await send(baseUrl, ENV_TOKEN)).toBe(200);
		// Out and back; timers fire no earlier than asked, rounded to whole milliseconds
		expect(performance.now() - sentAt).toBeGreaterThanOrEqual(2 * 80 - 2);

		cli.child.kill('SIGTERM');
		expect(await cli.exited).toBe(0);
	} finally {
		cli.stop();
	}
});

test.each([
	[['--one-way-delay-ms', '-5']],
	[['--delay-jitter-ms', 'some']],
	[['--port', 'eighty']],
	[['--unknown']],
	[['--retry-after', 'minutes']],
	[['--competitor-rps', '0']],
	[['--competitor-rps', 'fast']],
])('%j exits 1 with the usage', async (args) => {
	const cli = runCli(args);
	expect(await cli.exited).toBe(1);
	expect(cli.output()).toContain('Usage: npm run sandbox -- [options]');
});
