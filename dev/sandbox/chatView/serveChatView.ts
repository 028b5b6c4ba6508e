import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatFeed, ChatFeedEvent } from './chatFeed';
import { CHAT_VIEW_HTML } from './page';

export const CHAT_VIEW_PATHS = { page: '/', events: '/events', snapshot: '/messages.json' } as const;

const COMMON_HEADERS = {
	'Cache-Control': 'no-store',
	'X-Content-Type-Options': 'nosniff',
};

// Inline style and script only; attachments may load from anywhere (they usually cannot: no network).
const CONTENT_SECURITY_POLICY = [
	"default-src 'none'",
	"style-src 'unsafe-inline'",
	"script-src 'unsafe-inline'",
	"connect-src 'self'",
	'img-src * data:',
	'media-src *',
	"base-uri 'none'",
	"form-action 'none'",
	"frame-ancestors 'none'",
].join('; ');

/**
 * Serves the chat view when the request is a GET or HEAD of one of its paths, and says whether it did.
 * Its requests are not API requests: they are neither logged nor counted.
 */
export function serveChatView(request: IncomingMessage, response: ServerResponse, feed: ChatFeed): boolean {
	const method = request.method ?? '';
	if (method !== 'GET' && method !== 'HEAD') return false;
	const path = (request.url ?? '').replace(/\?.*$/, '');
	switch (path) {
		case CHAT_VIEW_PATHS.page:
			sendBody(response, method, 'text/html; charset=utf-8', CHAT_VIEW_HTML, {
				'Content-Security-Policy': CONTENT_SECURITY_POLICY,
			});
			return true;
		case CHAT_VIEW_PATHS.snapshot:
			sendBody(response, method, 'application/json; charset=utf-8', JSON.stringify(feed.snapshot()));
			return true;
		case CHAT_VIEW_PATHS.events:
			if (method === 'HEAD') {
				response.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream' });
				response.end();
			} else {
				streamEvents(request, response, feed);
			}
			return true;
		default:
			return false;
	}
}

function sendBody(
	response: ServerResponse,
	method: string,
	contentType: string,
	body: string,
	headers: Record<string, string> = {},
): void {
	response.writeHead(200, {
		...COMMON_HEADERS,
		...headers,
		'Content-Type': contentType,
		'Content-Length': Buffer.byteLength(body),
	});
	response.end(method === 'HEAD' ? undefined : body);
}

/** Server-Sent Events: a 'snapshot' first (again on every reconnection), then 'item' and 'reset' events. */
function streamEvents(request: IncomingMessage, response: ServerResponse, feed: ChatFeed): void {
	response.writeHead(200, {
		...COMMON_HEADERS,
		'Content-Type': 'text/event-stream; charset=utf-8',
		Connection: 'keep-alive',
	});
	response.write('retry: 1000\n\n');
	writeEvent(response, 'snapshot', feed.snapshot());
	const unsubscribe = feed.subscribe((event: ChatFeedEvent) => {
		if (event.type === 'reset') writeEvent(response, 'reset', {});
		else writeEvent(response, 'item', { item: event.item, counts: event.counts });
	});
	request.socket.setKeepAlive(true);
	response.once('close', unsubscribe);
}

function writeEvent(response: ServerResponse, name: string, data: unknown): void {
	// JSON.stringify escapes line breaks inside strings, so the data is one line.
	response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}
