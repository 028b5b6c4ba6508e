import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox, type SandboxRequest } from './server';

const USAGE = `Usage: npm run sandbox -- [options]

Starts a local ChatCentral API sandbox.

  --host HOST          interface to listen on (default 127.0.0.1)
  --port N             port (default 0: a free port)
  --rps N              requests per second allowed per token (default 25)
  --record FILE        JSON-lines file of accepted messages (default .tmp/sandbox-messages.jsonl)
  --token T            standard-channel token (default $CHATCENTRAL_SANDBOX_TOKEN or random)
  --viber-token T      Viber-channel token (default $CHATCENTRAL_SANDBOX_VIBER_TOKEN or random)
  -h, --help           show this help`;

async function main(): Promise<void> {
	const values = parseFlags();
	if (values.help) {
		console.log(USAGE);
		return;
	}
	const recordFile = resolve(values.record ?? '.tmp/sandbox-messages.jsonl');
	const sandbox = await startSandbox({
		host: values.host,
		port: values.port === undefined ? undefined : integerFlag('--port', values.port),
		requestsPerSecond: values.rps === undefined ? undefined : integerFlag('--rps', values.rps),
		recordFile,
		token: values.token ?? nonEmptyEnv('CHATCENTRAL_SANDBOX_TOKEN'),
		viberToken: values['viber-token'] ?? nonEmptyEnv('CHATCENTRAL_SANDBOX_VIBER_TOKEN'),
		onRequest: (request) => console.log(requestLine(request)),
	});

	// The only place a sandbox token is ever printed: the user pastes it into a credential.
	console.log(
		[
			'ChatCentral sandbox is running.',
			`  Base URL:     ${sandbox.baseUrl}`,
			`  Token:        ${sandbox.token}`,
			`  Viber token:  ${sandbox.viberToken}   (contact IDs must be Base64-encoded)`,
			`  Recording to: ${recordFile}`,
			'Press Ctrl+C to stop.',
			'',
		].join('\n'),
	);

	const stop = (): void => {
		void sandbox.close().then(() => console.log('Sandbox stopped.'));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

function requestLine(request: SandboxRequest): string {
	const time = new Date(request.receivedAt).toLocaleTimeString('en-GB', { hour12: false });
	const method = request.method || '-';
	const channel = request.channel ?? '-';
	return `${time}  ${method} ${request.status} ${channel}  ${request.message}  ${request.path}`;
}

function parseFlags() {
	try {
		return parseArgs({
			options: {
				host: { type: 'string' },
				port: { type: 'string' },
				rps: { type: 'string' },
				record: { type: 'string' },
				token: { type: 'string' },
				'viber-token': { type: 'string' },
				help: { type: 'boolean', short: 'h' },
			},
		}).values;
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
}

function integerFlag(flag: string, value: string): number {
	if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got ${JSON.stringify(value)}`);
	return Number(value);
}

function nonEmptyEnv(name: string): string | undefined {
	return process.env[name] || undefined;
}

class UsageError extends Error {}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	if (error instanceof UsageError) console.error(`\n${USAGE}`);
	process.exitCode = 1;
});
