import type { IncomingMessage, ServerResponse } from 'node:http';

import type { RequestLog, RequestTimes, SandboxRequest } from './requestLog';

export const REQUEST_TIMES_PATH = '/requests.json';

/** A request as REQUEST_TIMES_PATH lists it: what a window audit needs (see peakInAnyWindow), no path, message or token. */
export type RequestTimesEntry = RequestTimes & Pick<SandboxRequest, 'status'>;

/**
 * Serves the request log's times, channels and statuses when the request is a GET of
 * REQUEST_TIMES_PATH, and says whether it did: a test can audit a sandbox running in another
 * process, whose clock no client in the test's process holds up. Not an API request: neither
 * logged nor counted.
 */
export function serveRequestTimes(request: IncomingMessage, response: ServerResponse, log: RequestLog): boolean {
	if (request.method !== 'GET' || (request.url ?? '').replace(/\?.*$/, '') !== REQUEST_TIMES_PATH) return false;
	const entries: RequestTimesEntry[] = log
		.list()
		.map(({ channel, arrivedAtMs, admittedAtMs, status }) => ({ channel, arrivedAtMs, admittedAtMs, status }));
	response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
	response.end(JSON.stringify(entries));
	return true;
}
