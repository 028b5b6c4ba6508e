import type { Channel } from './channel';

/** Every request that reached the server, accepted or not. */
export interface SandboxRequest {
	/** Date.now() when its headers arrived. */
	receivedAt: number;
	/** performance.now() of the sandbox's process when its headers arrived: for measuring spans. */
	arrivedAtMs: number;
	/** Empty when the HTTP parser rejected the request before its method was known. */
	method: string;
	/** The raw request target (`req.url`); empty when the HTTP parser rejected the request. */
	path: string;
	/** The channel whose token it carried to the endpoint, whatever the answer; null without a valid token or off the endpoint. */
	channel: Channel | null;
	/** Whether it took a slot in its channel's rate window (200 and 403 answers do, 429 ones do not). */
	admitted: boolean;
	/** When it took that slot (performance.now(), the rate window's own clock), after its body was read; only when admitted. */
	admittedAtMs?: number;
	/** 0 when an injected fault dropped the connection instead of answering. */
	status: number;
	message: string;
}

export interface SandboxStats {
	/** Requests logged, as requests().length. */
	requests: number;
	/** Messages accepted, as accepted().length (including any whose connection was then dropped). */
	accepted: number;
	/** Requests answered 429, by the rate window, a storm or an injected answer. */
	refused429: number;
	/** Connections an injected fault dropped (status 0). */
	dropped: number;
}

export interface WindowAuditOptions {
	/** Default 'standard'. */
	channel?: Channel;
	/** Default 1000, the API's rate window. */
	windowMs?: number;
	/**
	 * 'all' (default): every request carrying the channel's token, whatever its answer, by arrival;
	 * 'admitted': those that took a rate-window slot, by the moment they took it (admittedAtMs).
	 */
	statuses?: 'admitted' | 'all';
}

/** What the window audit reads of a request. */
export type RequestTimes = Pick<SandboxRequest, 'channel' | 'arrivedAtMs' | 'admittedAtMs'>;

/** The most requests whose times (see `statuses`) fall within any span of `windowMs` (half-open, as the rate window). */
export function peakInAnyWindow(
	requests: readonly RequestTimes[],
	{ channel = 'standard', windowMs = 1000, statuses = 'all' }: WindowAuditOptions = {},
): number {
	if (!Number.isFinite(windowMs) || windowMs <= 0) throw new Error('windowMs must be a positive number');
	const arrivals = requests
		.filter((request) => request.channel === channel)
		.map((request) => (statuses === 'all' ? request.arrivedAtMs : request.admittedAtMs))
		.filter((time) => time !== undefined)
		.sort((a, b) => a - b);
	let peak = 0;
	let first = 0;
	for (let last = 0; last < arrivals.length; last++) {
		while (arrivals[last] - arrivals[first] >= windowMs) first++;
		peak = Math.max(peak, last - first + 1);
	}
	return peak;
}

export class RequestLog {
	private requests: SandboxRequest[] = [];

	add(request: SandboxRequest): void {
		this.requests.push(request);
	}

	list(): SandboxRequest[] {
		return structuredClone(this.requests);
	}

	count(predicate: (request: SandboxRequest) => boolean = () => true): number {
		return this.requests.filter(predicate).length;
	}

	/** See peakInAnyWindow. */
	peakInAnyWindow(options?: WindowAuditOptions): number {
		return peakInAnyWindow(this.requests, options);
	}

	clear(): void {
		this.requests = [];
	}
}
