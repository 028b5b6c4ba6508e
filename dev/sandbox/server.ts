import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { answerRequest, type Answer, type SandboxState } from './answerRequest';
import { channelOfAuthorization, type Channel } from './channel';
import { ChatFeed } from './chatView/chatFeed';
import { ObservedMessageRecord } from './chatView/observedMessageRecord';
import { serveChatView } from './chatView/serveChatView';
import {
	startCompetingSender,
	type CompetingSender,
	type CompetingSenderOptions,
} from './competingSender';
import { assertValidFault, type SandboxFault } from './fault';
import type { InjectedAnswer } from './injectedAnswers';
import { InjectionQueue } from './injectionQueue';
import type { AcceptedMessage } from './messageRecord';
import { assertValidNetworkDelay, oneTripMs, type NetworkDelay } from './networkDelay';
import { RateLimitStorm } from './rateLimitStorm';
import { SlidingWindowRateLimiter } from './rateLimiter';
import { RequestLog, type SandboxRequest, type SandboxStats, type WindowAuditOptions } from './requestLog';
import { assertRetryAfterMode, type RetryAfterMode } from './retryAfter';
import { BASE_PATH, routeOf } from './route';
import { serveRequestTimes } from './serveRequestTimes';

export type { Channel } from './channel';
export type { CompetingSender, CompetingSenderOptions, CompetingSenderSummary } from './competingSender';
export type { SandboxFault } from './fault';
export type { InjectedAnswer } from './injectedAnswers';
export type { AcceptedMessage, MessagePayload } from './messageRecord';
export type { SandboxRequest, SandboxStats, WindowAuditOptions } from './requestLog';
export type { RetryAfterMode } from './retryAfter';

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
	/**
	 * When set, every 429 of the rate window carries Retry-After: the time until the window
	 * frees a slot for that token, in whole seconds (at least 1) or as an HTTP date, both rounded
	 * up. Default none, as the contract documents none.
	 */
	retryAfter?: RetryAfterMode;
	/**
	 * Plays ChatCentral far away: each request reaches the API (and takes its rate-window slot)
	 * this long after it was sent, and its answer takes as long again to come back. Default 0.
	 */
	oneWayDelayMs?: number;
	/** Up to this much more on each trip, out and back, at random. Default 0. */
	delayJitterMs?: number;
	/** If set, emptied on start and every accepted message is appended to it as one JSON line. */
	recordFile?: string;
	/** Called for every request as soon as its answer is decided. */
	onRequest?: (request: SandboxRequest) => void;
}

export interface Sandbox {
	/** The value a user puts in the credential's Base URL, e.g. 'http://127.0.0.1:43123/api'. */
	baseUrl: string;
	/**
	 * The live web chat view of what the sandbox received, e.g. 'http://127.0.0.1:43123/': one
	 * conversation per contact, and the rejected requests. It never shows the tokens.
	 */
	chatViewUrl: string;
	token: string;
	viberToken: string;
	/** Copies. */
	accepted(): AcceptedMessage[];
	requests(): SandboxRequest[];
	/** Counts over requests() and accepted(). */
	stats(): SandboxStats;
	/**
	 * The most requests to the endpoint carrying the channel's token whose arrivals fell within
	 * any span of `windowMs`: what the client sent ('all', default) or what the window admitted.
	 * Arrivals are stamped when this process's event loop reads the headers, so a client in the
	 * same process that stalls the loop (or a starved CPU) bunches them up.
	 */
	peakRequestsInAnyWindow(options?: WindowAuditOptions): number;
	/** The next `times` requests to the endpoint get `answer` instead of the real one. */
	injectAnswer(answer: InjectedAnswer, times?: number): void;
	/**
	 * The next `times` requests to the endpoint meet `fault` (see SandboxFault), in the order
	 * injected; a fault is taken when a request's headers arrive, before any injected answer.
	 */
	injectFault(fault: SandboxFault, times?: number): void;
	/** Changes the Retry-After form of rate-window 429s (see SandboxOptions.retryAfter) until reset(). */
	setRetryAfter(mode: RetryAfterMode | undefined): void;
	/**
	 * For the next `durationMs`, every request to the endpoint with a valid token and method gets
	 * 429 `Too many requests` (with `Retry-After: <retryAfterSeconds>` only when given, whatever
	 * the Retry-After mode), takes no rate-window slot and is not accepted. Replaces a raging storm.
	 */
	storm(durationMs: number, retryAfterSeconds?: number): void;
	/**
	 * Another app sending on the same channel token through real HTTP requests to this sandbox
	 * (see startCompetingSender). It stops by itself after 10 minutes, and on close(); not on reset().
	 */
	startCompetingSender(options: CompetingSenderOptions): CompetingSender;
	/**
	 * Forgets accepted messages (also emptying the record file), requests, rate windows,
	 * injected answers and faults, and ends any storm; restores the Retry-After mode it started with.
	 */
	reset(): void;
	/** Stops competing senders, listening and all connections, keep-alive ones included. */
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
	assertRetryAfterMode(options.retryAfter);
	const networkDelay: NetworkDelay = { oneWayMs: options.oneWayDelayMs ?? 0, jitterMs: options.delayJitterMs ?? 0 };
	assertValidNetworkDelay(networkDelay);
	const chatFeed = new ChatFeed([tokens.standard, tokens.viber]);
	const state: SandboxState = {
		tokens,
		rateLimiter: new SlidingWindowRateLimiter<Channel>(requestsPerSecond, RATE_WINDOW_MS),
		record: new ObservedMessageRecord(options.recordFile, (delivery) => chatFeed.addAccepted(delivery)),
		injectedAnswers: new InjectionQueue<InjectedAnswer>(),
		storm: new RateLimitStorm(),
		retryAfter: options.retryAfter,
	};
	const faults = new InjectionQueue<SandboxFault>();
	const competingSenders = new Set<CompetingSender>();

	const requestLog = new RequestLog();
	const log = (request: SandboxRequest): void => {
		requestLog.add(request);
		chatFeed.addRequest(request);
		options.onRequest?.(request);
	};

	const server = createServer((request, response) => {
		void handle(request, response);
	});

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		// The chat view's own GETs and the request times are not API requests: neither logged nor counted, nor far away.
		if (serveChatView(request, response, chatFeed)) return;
		if (serveRequestTimes(request, response, requestLog)) return;
		await afterTrip(response);
		// A client that gave up while its request was on the way: nothing arrives
		if (response.destroyed) return;
		const arrival = { receivedAt: Date.now(), arrivedAtMs: performance.now() };
		const method = request.method ?? '';
		const rawUrl = request.url ?? '';
		const fault = routeOf(rawUrl).kind === 'sendContent' ? faults.next() : undefined;
		if (fault?.kind === 'dropBeforeBody') {
			const channel = channelOfAuthorization(request.headers.authorization, state.tokens);
			const message = 'connection dropped before reading the body';
			log({ ...arrival, method, path: rawUrl, channel, admitted: false, status: 0, message });
			response.destroy();
			return;
		}
		let body: Buffer;
		try {
			body = await readBody(request);
		} catch {
			// The client went away mid-body: there is no one left to answer.
			response.destroy();
			return;
		}
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
		const { status, message, channel, admitted, admittedAtMs } = answer;
		if (fault?.kind === 'dropAfterBody') {
			const dropped = `connection dropped after reading the body (would have answered ${status} ${message})`;
			log({ ...arrival, method, path: rawUrl, channel, admitted, admittedAtMs, status: 0, message: dropped });
			response.destroy();
			return;
		}
		log({ ...arrival, method, path: rawUrl, channel, admitted, admittedAtMs, status, message });
		await afterTrip(response, fault?.kind === 'delayAnswer' ? fault.ms : 0);
		if (!response.destroyed) sendAnswer(response, answer);
	}

	/** Resolves once a trip over the network (plus `extraMs`) is over, or the connection closed meanwhile. */
	async function afterTrip(response: ServerResponse, extraMs = 0): Promise<void> {
		const ms = oneTripMs(networkDelay) + extraMs;
		if (ms === 0) return;
		await new Promise<void>((done) => {
			const delayed = setTimeout(done, ms);
			// The client may give up, or close() end the connection, meanwhile.
			response.once('close', () => {
				clearTimeout(delayed);
				done();
			});
		});
	}

	// Requests Node's HTTP parser refuses (raw spaces or non-ASCII bytes in the path, ...)
	// never reach the handler; answer them in the API's JSON shape too.
	server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
		if (error.code === 'ECONNRESET' || !socket.writable) {
			socket.destroy();
			return;
		}
		const message = `Bad Request: ${error.message}`;
		const arrival = { receivedAt: Date.now(), arrivedAtMs: performance.now() };
		log({ ...arrival, method: '', path: '', channel: null, admitted: false, status: 400, message });
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
	const baseUrl = `http://${host}:${address.port}${BASE_PATH}`;
	chatFeed.baseUrl = baseUrl;

	return {
		baseUrl,
		chatViewUrl: `http://${host}:${address.port}/`,
		token: state.tokens.standard,
		viberToken: state.tokens.viber,
		accepted: () => state.record.list(),
		requests: () => requestLog.list(),
		stats: () => ({
			requests: requestLog.count(),
			accepted: state.record.list().length,
			refused429: requestLog.count((request) => request.status === 429),
			dropped: requestLog.count((request) => request.status === 0),
		}),
		peakRequestsInAnyWindow: (auditOptions) => requestLog.peakInAnyWindow(auditOptions),
		injectAnswer: (answer, times = 1) => state.injectedAnswers.add(answer, times),
		injectFault: (fault, times = 1) => {
			assertValidFault(fault);
			faults.add(fault, times);
		},
		setRetryAfter: (mode) => {
			assertRetryAfterMode(mode);
			state.retryAfter = mode;
		},
		storm: (durationMs, retryAfterSeconds) => state.storm.start(durationMs, retryAfterSeconds),
		startCompetingSender: ({ channel = 'standard', requestsPerSecond: senderRate }) => {
			const sender = startCompetingSender(
				{ baseUrl, token: state.tokens[channel], base64ContactIds: channel === 'viber' },
				senderRate,
			);
			competingSenders.add(sender);
			return sender;
		},
		reset: () => {
			state.record.clear();
			state.rateLimiter.reset();
			state.injectedAnswers.clear();
			state.storm.end();
			state.retryAfter = options.retryAfter;
			faults.clear();
			requestLog.clear();
			chatFeed.clear();
		},
		close: async () => {
			const sendersStopped = Promise.all([...competingSenders].map((sender) => sender.stop()));
			await new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
			await sendersStopped;
		},
	};
}

function sendAnswer(response: ServerResponse, answer: Answer): void {
	const json = responseJson(answer.status, answer.message);
	response.writeHead(answer.status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(json),
		...(answer.retryAfter === undefined ? {} : { 'Retry-After': answer.retryAfter }),
	});
	response.end(json);
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
