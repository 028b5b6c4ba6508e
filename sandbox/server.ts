import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { answerRequest, type SandboxState } from './answerRequest';
import type { Channel } from './channel';
import { InjectedAnswers, type InjectedAnswer } from './injectedAnswers';
import { MessageRecord, type AcceptedMessage } from './messageRecord';
import { SlidingWindowRateLimiter } from './rateLimiter';
import { BASE_PATH } from './route';

export type { Channel } from './channel';
export type { InjectedAnswer } from './injectedAnswers';
export type { AcceptedMessage, MessagePayload } from './messageRecord';

export interface SandboxOptions {
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default 0: a free port. */
	port?: number;
	/** Standard-channel token; default a random 'sandbox-' + 24 hex characters. */
	token?: string;
	/** Viber-channel token (contact IDs must arrive Base64-encoded); default random 'sandbox-viber-' + hex. */
	viberToken?: string;
	/** Per token; default 25. */
	requestsPerSecond?: number;
	/** If set, emptied on start and every accepted message is appended to it as one JSON line. */
	recordFile?: string;
	/** Called for every request as soon as its answer is decided. */
	onRequest?: (request: SandboxRequest) => void;
}

/** Every request that reached the server, accepted or not. */
export interface SandboxRequest {
	receivedAt: number;
	/** Empty when the HTTP parser rejected the request before its method was known. */
	method: string;
	/** The raw request target (`req.url`); empty when the HTTP parser rejected the request. */
	path: string;
	channel: Channel | null;
	status: number;
	message: string;
}

export interface Sandbox {
	/** The value a user puts in the credential's Base URL, e.g. 'http://127.0.0.1:43123/api'. */
	baseUrl: string;
	token: string;
	viberToken: string;
	/** Copies. */
	accepted(): AcceptedMessage[];
	requests(): SandboxRequest[];
	/** The next `times` requests to the endpoint get `answer` instead of the real one. */
	injectAnswer(answer: InjectedAnswer, times?: number): void;
	/** Forgets accepted messages (also emptying the record file), requests, rate windows and injected answers. */
	reset(): void;
	/** Stops listening and closes all connections, keep-alive ones included. */
	close(): Promise<void>;
}

const DEFAULT_REQUESTS_PER_SECOND = 25;
const RATE_WINDOW_MS = 1000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const tokens = {
		standard: options.token ?? randomToken('sandbox-'),
		viber: options.viberToken ?? randomToken('sandbox-viber-'),
	};
	if (tokens.standard === '' || tokens.viber === '') throw new Error('Sandbox tokens must not be empty');
	if (tokens.standard === tokens.viber) throw new Error('The standard and Viber tokens must differ');
	const requestsPerSecond = options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
	if (!Number.isInteger(requestsPerSecond) || requestsPerSecond < 1) {
		throw new Error('requestsPerSecond must be a positive integer');
	}
	const state: SandboxState = {
		tokens,
		rateLimiter: new SlidingWindowRateLimiter<Channel>(requestsPerSecond, RATE_WINDOW_MS),
		record: new MessageRecord(options.recordFile),
		injectedAnswers: new InjectedAnswers(),
	};

	let requests: SandboxRequest[] = [];
	const log = (request: SandboxRequest): void => {
		requests.push(request);
		options.onRequest?.(request);
	};

	const server = createServer((request, response) => {
		void handle(request, response);
	});

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const receivedAt = Date.now();
		let body: Buffer;
		try {
			body = await readBody(request);
		} catch {
			// The client went away mid-body: there is no one left to answer.
			response.destroy();
			return;
		}
		const method = request.method ?? '';
		const rawUrl = request.url ?? '';
		const answer = answerRequest(
			{
				method,
				rawUrl,
				authorization: request.headers.authorization,
				contentType: request.headers['content-type'],
				body,
			},
			state,
		);
		log({ receivedAt, method, path: rawUrl, ...answer });
		const json = responseJson(answer.status, answer.message);
		response.writeHead(answer.status, {
			'Content-Type': 'application/json',
			'Content-Length': Buffer.byteLength(json),
		});
		response.end(json);
	}

	// Requests Node's HTTP parser refuses (raw spaces or non-ASCII bytes in the path, ...)
	// never reach the handler; answer them in the API's JSON shape too.
	server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
		if (error.code === 'ECONNRESET' || !socket.writable) {
			socket.destroy();
			return;
		}
		const message = `Bad Request: ${error.message}`;
		log({ receivedAt: Date.now(), method: '', path: '', channel: null, status: 400, message });
		const json = responseJson(400, message);
		socket.end(
			'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n' +
				`Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
		);
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

	return {
		baseUrl: `http://${host}:${address.port}${BASE_PATH}`,
		token: state.tokens.standard,
		viberToken: state.tokens.viber,
		accepted: () => state.record.list(),
		requests: () => structuredClone(requests),
		injectAnswer: (answer, times = 1) => state.injectedAnswers.add(answer, times),
		reset: () => {
			state.record.clear();
			state.rateLimiter.reset();
			state.injectedAnswers.clear();
			requests = [];
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}

function responseJson(status: number, message: string): string {
	return JSON.stringify({ status: status === 200 ? 'Success' : 'error', message, data: [] });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function randomToken(prefix: string): string {
	return prefix + randomBytes(12).toString('hex');
}
