import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox, type RetryAfterMode, type SandboxRequest } from './server';

const USAGE = `Usage: npm run sandbox -- [options]

Starts a local ChatCentral API sandbox.

  --host HOST          interface to listen on (default 127.0.0.1)
  --port N             port (default 0: a free port)
  --rps N              requests per second allowed per token (default 25)
  --retry-after FORM   429s of the rate limit carry Retry-After: seconds | http-date (default none)
  --one-way-delay-ms N  play ChatCentral far away: each request arrives (and takes its rate-window slot)
                       N ms after it was sent, its answer N ms later (default 0)
  --delay-jitter-ms N  up to N ms more on each trip, out and back, at random (default 0)
  --competitor-rps N   another app sends N requests/s on the standard token (contacts competitor-1, ...;
                       stops after 10 minutes)
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
	const competitorRate =
		values['competitor-rps'] === undefined ? undefined : positiveNumberFlag('--competitor-rps', values['competitor-rps']);
	const sandbox = await startSandbox({
		host: values.host,
		port: values.port === undefined ? undefined : integerFlag('--port', values.port),
		requestsPerSecond: values.rps === undefined ? undefined : integerFlag('--rps', values.rps),
		retryAfter: values['retry-after'] === undefined ? undefined : retryAfterFlag(values['retry-after']),
		oneWayDelayMs: optionalNumberFlag('--one-way-delay-ms', values['one-way-delay-ms']),
		delayJitterMs: optionalNumberFlag('--delay-jitter-ms', values['delay-jitter-ms']),
		recordFile,
		token: values.token ?? nonEmptyEnv('CHATCENTRAL_SANDBOX_TOKEN'),
		viberToken: values['viber-token'] ?? nonEmptyEnv('CHATCENTRAL_SANDBOX_VIBER_TOKEN'),
		onRequest: (request) => console.log(requestLine(request)),
	});

	const competitor =
		competitorRate === undefined ? undefined : sandbox.startCompetingSender({ requestsPerSecond: competitorRate });

	// The only place a sandbox token is ever printed: the user pastes it into a credential.
	console.log(
		[
			'ChatCentral sandbox is running.',
			`  Base URL:     ${sandbox.baseUrl}`,
			`  Chat view:    ${sandbox.chatViewUrl}`,
			`  Token:        ${sandbox.token}`,
			`  Viber token:  ${sandbox.viberToken}   (contact IDs must be Base64-encoded)`,
			`  Recording to: ${recordFile}`,
			...(values['one-way-delay-ms'] === undefined
				? []
				: [`  Far away:     ${values['one-way-delay-ms']} ms each way (+ up to ${values['delay-jitter-ms'] ?? 0} ms)`]),
			...(competitor === undefined ? [] : [`  Competing:    ${competitorRate} requests/s on the standard token`]),
			'Press Ctrl+C to stop.',
			'',
		].join('\n'),
	);

	const shutdown = async (): Promise<void> => {
		if (competitor !== undefined) {
			const { sent, accepted, refused } = await competitor.stop();
			console.log(`Competing sender: ${sent} sent, ${accepted} accepted, ${refused} refused.`);
		}
		await sandbox.close();
		console.log('Sandbox stopped.');
	};
	process.once('SIGINT', () => void shutdown());
	process.once('SIGTERM', () => void shutdown());
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
				'retry-after': { type: 'string' },
				'one-way-delay-ms': { type: 'string' },
				'delay-jitter-ms': { type: 'string' },
				'competitor-rps': { type: 'string' },
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

function optionalNumberFlag(flag: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`${flag} must be a number ≥ 0, got ${JSON.stringify(value)}`);
	return Number(value);
}

function positiveNumberFlag(flag: string, value: string): number {
	if (!/^\d+(\.\d+)?$/.test(value) || Number(value) === 0) {
		throw new UsageError(`${flag} must be a positive number, got ${JSON.stringify(value)}`);
	}
	return Number(value);
}

const RETRY_AFTER_FLAG_VALUES: Record<string, RetryAfterMode> = { seconds: 'seconds', 'http-date': 'httpDate' };

function retryAfterFlag(value: string): RetryAfterMode {
	if (!Object.hasOwn(RETRY_AFTER_FLAG_VALUES, value)) {
		throw new UsageError(`--retry-after must be seconds or http-date, got ${JSON.stringify(value)}`);
	}
	return RETRY_AFTER_FLAG_VALUES[value];
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
