import { createHash } from 'node:crypto';

import { RequestPacer } from './RequestPacer';

export const DEFAULT_MAX_REQUESTS_PER_SECOND = 25;

// One pacer per channel token for the whole n8n process: every item, run and workflow
// sending with a token shares its 25 requests per second. Keyed by a hash, so the process
// keeps no token.
const pacers = new Map<string, RequestPacer>();

export function pacerKey(baseUrl: string, token: string): string {
	return createHash('sha256').update(`${baseUrl}\n${token}`).digest('hex');
}

/** The shared pacer of a token; the lowest Max Requests per Second set for it applies. */
export function pacerForToken(baseUrl: string, token: string, maxRequestsPerSecond: number): RequestPacer {
	const key = pacerKey(baseUrl, token);
	let pacer = pacers.get(key);
	if (pacer === undefined) {
		pacer = new RequestPacer(maxRequestsPerSecond);
		pacers.set(key, pacer);
	}
	pacer.capAt(maxRequestsPerSecond);
	return pacer;
}
