import { performance } from 'node:perf_hooks';
import type { Channel } from './channel';

export interface CompetingSenderOptions {
	/** Whose token it uses; default 'standard'. */
	channel?: Channel;
	requestsPerSecond: number;
}

export interface CompetingSenderSummary {
	/** Requests sent. */
	sent: number;
	/** Answered 200. */
	accepted: number;
	/** Answered 429 (never retried). Requests that got another answer or none count in neither. */
	refused: number;
}

export interface CompetingSender {
	/** Stops sending, waits for the answers still due, and tells what happened. Idempotent. */
	stop(): Promise<CompetingSenderSummary>;
}

export interface CompetingEndpoint {
	/** The sandbox's Base URL. */
	baseUrl: string;
	token: string;
	/** Viber channels take Base64-encoded contact IDs. */
	base64ContactIds: boolean;
}

// Bounds a sender nobody stops.
const MAX_RUN_MS = 10 * 60 * 1000;

/**
 * Another app using the same channel token: valid text messages to contacts competitor-1,
 * competitor-2, ... as real HTTP requests, so they meet the same checks, rate window, log and
 * record as any client's. Each goes out at its scheduled time at a steady rate, without
 * waiting for earlier answers (when the event loop was late, the overdue ones go at once).
 */
export function startCompetingSender(endpoint: CompetingEndpoint, requestsPerSecond: number): CompetingSender {
	if (!Number.isFinite(requestsPerSecond) || requestsPerSecond <= 0) {
		throw new Error('requestsPerSecond must be a positive number');
	}
	const intervalMs = 1000 / requestsPerSecond;
	const startedAtMs = performance.now();
	const summary: CompetingSenderSummary = { sent: 0, accepted: 0, refused: 0 };
	const inFlight = new Set<Promise<void>>();
	let nextSend: NodeJS.Timeout | undefined;

	const sendOne = (): void => {
		summary.sent++;
		const request = sendMessage(endpoint, `competitor-${summary.sent}`).then((status) => {
			if (status === 200) summary.accepted++;
			if (status === 429) summary.refused++;
		});
		inFlight.add(request);
		void request.finally(() => inFlight.delete(request));
	};

	const sendDue = (): void => {
		const elapsedMs = performance.now() - startedAtMs;
		if (elapsedMs >= MAX_RUN_MS) return;
		while (summary.sent * intervalMs <= elapsedMs) sendOne();
		nextSend = setTimeout(sendDue, summary.sent * intervalMs - elapsedMs);
	};

	sendDue();
	return {
		stop: async () => {
			clearTimeout(nextSend);
			await Promise.all(inFlight);
			return { ...summary };
		},
	};
}

/** The answer's status, or 0 when there was none. */
async function sendMessage(endpoint: CompetingEndpoint, contactId: string): Promise<number> {
	const segment = endpoint.base64ContactIds ? Buffer.from(contactId).toString('base64') : contactId;
	try {
		const response = await fetch(`${endpoint.baseUrl}/v1/message/sendContent/${encodeURIComponent(segment)}`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${endpoint.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ body: [{ type: 'text', text: `Message from a competing app to ${contactId}` }] }),
		});
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}
