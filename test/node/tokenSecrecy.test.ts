import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy, type Logger as WorkflowLogger, type LogMetadata } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import {
	closedPortBaseUrl,
	runChatCentral,
	standardCredentials,
	testChatCentralCredential,
	textTo,
} from './chatCentralRun';
import { everythingSaid, whereSaid } from './everythingSaid';

// n8n's Logger reads its settings once, when it is first created (one per test file): here,
// every level, as JSON with the metadata (errors included) on the console. The previous
// values come back after this file, as later test files in the same worker share process.env.
const logSettings = { N8N_LOG_LEVEL: 'debug', N8N_LOG_FORMAT: 'json', N8N_LOG_OUTPUT: 'console' };
const previousLogSettings = Object.fromEntries(Object.keys(logSettings).map((name) => [name, process.env[name]]));
Object.assign(process.env, logSettings);

let sandbox: Sandbox;
let recordFolder: string;
let recordFile: string;
beforeAll(async () => {
	recordFolder = mkdtempSync(join(tmpdir(), 'chatcentral-record-'));
	recordFile = join(recordFolder, 'accepted.jsonl');
	sandbox = await startSandbox({ recordFile });
	installCapturingLogger();
});
afterAll(async () => {
	for (const [name, value] of Object.entries(previousLogSettings)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	await sandbox.close();
	rmSync(recordFolder, { recursive: true, force: true });
});
beforeEach(() => sandbox.reset());

const wrongToken = `wrong-token-${randomBytes(12).toString('hex')}`;

// ---- what n8n logs ----------------------------------------------------------------------

const levels = ['error', 'warn', 'info', 'debug'] as const;
/** Everything said to n8n's LoggerProxy (the engine logs through it), metadata walked deeply. */
let loggerProxyText: string[] | undefined;

/**
 * n8n's own Logger at debug level; LoggerProxy then goes through a logger that records
 * everything it is given (message and metadata, errors walked deeply) and passes it on.
 */
function installCapturingLogger(): void {
	const n8nLogger = Container.get(Logger); // makes itself LoggerProxy's logger
	const capture = Object.fromEntries(
		levels.map((level) => [
			level,
			(message: string, metadata?: LogMetadata) => {
				loggerProxyText?.push(`${level}: ${message}\n${everythingSaid(metadata)}`);
				n8nLogger[level](message, metadata);
			},
		]),
	) as WorkflowLogger;
	LoggerProxy.init(capture);
}

interface Captured<T> {
	value: T;
	/** What reached LoggerProxy. */
	loggedText: string;
	/** What was written to stdout/stderr or the console (n8n's Logger writes its lines there). */
	printedText: string;
}

/** Runs `action` recording what is logged and printed meanwhile; nothing reaches the terminal. */
async function capturing<T>(action: () => Promise<T>): Promise<Captured<T>> {
	const printed: string[] = [];
	const record = (...chunks: unknown[]) => {
		printed.push(chunks.map((chunk) => (typeof chunk === 'string' ? chunk : everythingSaid(chunk))).join(' '));
		return true;
	};
	const streams = new Set<NodeJS.WritableStream>([process.stdout, process.stderr]);
	const nodeConsole = console as unknown as { _stdout?: NodeJS.WritableStream; _stderr?: NodeJS.WritableStream };
	if (nodeConsole._stdout) streams.add(nodeConsole._stdout);
	if (nodeConsole._stderr) streams.add(nodeConsole._stderr);
	const spies = [
		...[...streams].map((stream) => jest.spyOn(stream, 'write').mockImplementation(record)),
		...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
			jest.spyOn(console, method).mockImplementation(record),
		),
	];
	loggerProxyText = [];
	try {
		const value = await action();
		return { value, loggedText: loggerProxyText.join('\n'), printedText: printed.join('\n') };
	} finally {
		loggerProxyText = undefined;
		for (const spy of spies) spy.mockRestore();
	}
}

// ---- the checks ---------------------------------------------------------------------------

/** Where `secret` occurs in `text`, with some context, or undefined: a readable failure. */
function occurrence(text: string, secret: string): string | undefined {
	const at = text.indexOf(secret);
	return at === -1 ? undefined : text.slice(Math.max(0, at - 300), at + secret.length + 100);
}

function expectNoToken(text: string, ...tokens: string[]): void {
	for (const token of tokens) expect(occurrence(text, token)).toBeUndefined();
}

const secrets = () => [sandbox.token, sandbox.viberToken, wrongToken];

/**
 * A workflow run: the logs, the console, the sandbox's record file, the result as n8n would
 * store it (JSON) and, last, everything reachable in memory from the result hold no token,
 * while they do hold what the run was about (`meaningful`), so the checks cannot pass vacuously.
 */
function expectRunKeepsNoToken(captured: Captured<unknown>, meaningful: string[]): void {
	expect(captured.loggedText).toContain('Workflow execution started');
	expect(captured.printedText).toContain('Workflow execution started');
	expectNoToken(captured.loggedText, ...secrets());
	expectNoToken(captured.printedText, ...secrets());
	expectNoToken(readFileSync(recordFile, 'utf8'), ...secrets());
	expectNoToken(JSON.stringify(captured.value), ...secrets());

	const resultText = everythingSaid(captured.value);
	for (const text of meaningful) expect(resultText).toContain(text);
	for (const secret of secrets()) expect(whereSaid(captured.value, secret)).toEqual([]);
	expectNoToken(resultText, ...secrets());
}

// ---- the runs -----------------------------------------------------------------------------

it('the tokens are distinct, non-empty and not part of each other', () => {
	const [token, viberToken] = secrets();
	expect(token.length).toBeGreaterThan(10);
	expect(viberToken.includes(token) || token.includes(viberToken)).toBe(false);
	expect(wrongToken.includes(token) || token.includes(wrongToken)).toBe(false);
});

describe('the channel token appears nowhere n8n keeps or shows', () => {
	it('a message sent', async () => {
		const captured = await capturing(() =>
			runChatCentral(textTo('c-secret-1', 'Hi'), [{}], { credentials: standardCredentials(sandbox) }),
		);

		expect(captured.value.error).toBeUndefined();
		expect(sandbox.accepted().map((m) => m.contactId)).toEqual(['c-secret-1']);
		expect(readFileSync(recordFile, 'utf8')).toContain('"contactId":"c-secret-1"');
		expect(captured.printedText).toContain('Workflow execution finished successfully');
		expectRunKeepsNoToken(captured, ['c-secret-1', 'Message Sent']);
	});

	it('a field error, On Error: Continue (regular output)', async () => {
		const captured = await capturing(() =>
			runChatCentral(textTo('c-1', '   '), [{}], {
				credentials: standardCredentials(sandbox),
				onError: 'continueRegularOutput',
			}),
		);

		expect(captured.value.output[0].error?.message).toBe('Text of item 1: is empty');
		expect(sandbox.requests()).toEqual([]);
		expectRunKeepsNoToken(captured, ['Text of item 1: is empty', 'NodeOperationError']);
	});

	it('a field error, On Error: Stop Workflow', async () => {
		const captured = await capturing(() =>
			runChatCentral(textTo('c-1', '   '), [{}], { credentials: standardCredentials(sandbox) }),
		);

		expect(captured.value.error?.message).toBe('Text of item 1: is empty');
		expect(captured.loggedText).toContain('Text of item 1: is empty');
		expect(captured.printedText).toContain('Text of item 1: is empty');
		expectRunKeepsNoToken(captured, ['Text of item 1: is empty']);
	});

	it('a wrong token (401): neither the wrong token nor the channel token appears', async () => {
		const captured = await capturing(() =>
			runChatCentral(textTo('c-1', 'Hi'), [{}], {
				credentials: { ...standardCredentials(sandbox), token: wrongToken },
			}),
		);

		expect(captured.value.error).toMatchObject({ message: 'API Token is invalid.', httpCode: '401' });
		expect(sandbox.requests().map((r) => r.status)).toEqual([401]);
		expect(captured.loggedText).toContain('API Token is invalid.');
		expect(captured.printedText).toContain('API Token is invalid.');
		expectRunKeepsNoToken(captured, ['API Token is invalid.', 'Channel Token in the ChatCentral API credential']);
	});

	it('a refusal (403), On Error: Continue (regular output)', async () => {
		const captured = await capturing(() =>
			runChatCentral(textTo('unknown-1', 'Hi'), [{}], {
				credentials: standardCredentials(sandbox),
				onError: 'continueRegularOutput',
			}),
		);

		expect(captured.value.output[0].error?.message).toBe('Contact not found');
		expectRunKeepsNoToken(captured, ['Contact not found', '403']);
	});

	it('a refusal (403), On Error: Stop Workflow', async () => {
		const captured = await capturing(() =>
			runChatCentral(textTo('unknown-1', 'Hi'), [{}], { credentials: standardCredentials(sandbox) }),
		);

		expect(captured.value.error?.message).toBe('Contact not found');
		expect(captured.loggedText).toContain('Contact not found');
		expect(captured.printedText).toContain('Contact not found');
		expectRunKeepsNoToken(captured, ['Contact not found', '403']);
	});

	// n8n-core keeps the HTTP client's error, whose settings hold the Authorization header, as the
	// (hidden) `cause` of a connection failure: the node must hand on an error without it.
	it('a connection dropped before the answer, On Error: Continue (regular output): even the error\'s hidden cause holds no token', async () => {
		sandbox.injectFault({ kind: 'dropAfterBody' });
		const captured = await capturing(() =>
			runChatCentral(textTo('c-1', 'Hi'), [{}], {
				credentials: standardCredentials(sandbox),
				onError: 'continueRegularOutput',
			}),
		);

		const [item] = captured.value.output;
		expect(item.error).toBeDefined();
		expect(item.json).toEqual({ error: item.error?.message });
		expectRunKeepsNoToken(captured, ['ECONNRESET', item.error!.message]);
	});

	it('a connection dropped before the answer, On Error: Stop Workflow', async () => {
		sandbox.injectFault({ kind: 'dropAfterBody' });
		const captured = await capturing(() =>
			runChatCentral(textTo('c-1', 'Hi'), [{}], { credentials: standardCredentials(sandbox) }),
		);

		expect(captured.value.error).toBeDefined();
		expect(captured.loggedText).toContain(captured.value.error!.message);
		expect(captured.printedText).toContain(captured.value.error!.message);
		expectRunKeepsNoToken(captured, ['ECONNRESET', captured.value.error!.message]);
	});

	it('a Base URL refusing connections until it comes up: retried, and no token anywhere', async () => {
		const baseUrl = await closedPortBaseUrl();
		const port = Number(new URL(baseUrl).port);
		let lateSandbox: Sandbox | undefined;
		const startsLate = setTimeout(() => {
			void startSandbox({ port, token: sandbox.token }).then((started) => (lateSandbox = started));
		}, 700);
		try {
			const captured = await capturing(() =>
				runChatCentral(textTo('c-1', 'Hi'), [{}], { credentials: { token: sandbox.token, baseUrl } }),
			);
			expect(captured.value.error).toBeUndefined();
			expect(lateSandbox?.accepted().map((m) => m.contactId)).toEqual(['c-1']);
			expectRunKeepsNoToken(captured, ['Message Sent']);
		} finally {
			clearTimeout(startsLate);
			await lateSandbox?.close();
		}
	});

	it.each([
		['the channel token', () => standardCredentials(sandbox), { status: 'OK', message: 'Connection successful!' }],
		[
			'a wrong token',
			() => ({ ...standardCredentials(sandbox), token: wrongToken }),
			{ status: 'Error', message: 'API Token is invalid.' },
		],
	])('the credential test with %s', async (_name, credentials, expected) => {
		const captured = await capturing(() => testChatCentralCredential(credentials()));

		expect(captured.value).toEqual(expected);
		expect(sandbox.requests()).toHaveLength(1);
		expectNoToken(everythingSaid(captured.value), ...secrets());
		expectNoToken(captured.loggedText, ...secrets());
		expectNoToken(captured.printedText, ...secrets());
	});
});
