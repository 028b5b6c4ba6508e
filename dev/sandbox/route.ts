export const BASE_PATH = '/api';

const SEND_CONTENT_PATH = `${BASE_PATH}/v1/message/sendContent/`;

export type Route =
	| { kind: 'sendContent'; contactSegment: string; hasQueryOrFragment: boolean }
	| { kind: 'notFound' };

/**
 * Matches a raw request target (`req.url`, exactly as sent) against the one endpoint.
 * Deliberately no URL parser: it would normalize the path and hide what the client sent.
 */
export function routeOf(rawUrl: string): Route {
	const pathEnd = rawUrl.search(/[?#]/);
	const path = pathEnd === -1 ? rawUrl : rawUrl.slice(0, pathEnd);
	if (!path.startsWith(SEND_CONTENT_PATH)) return { kind: 'notFound' };
	const contactSegment = path.slice(SEND_CONTENT_PATH.length);
	if (contactSegment === '' || contactSegment.includes('/') || isDotSegment(contactSegment)) {
		return { kind: 'notFound' };
	}
	return { kind: 'sendContent', contactSegment, hasQueryOrFragment: pathEnd !== -1 };
}

/**
 * `.` and `..`, also as `%2E`, are removed by URL normalization (WHATWG URL, so fetch and
 * axios, and most servers and proxies): a real server would never see them as a contact ID.
 */
function isDotSegment(segment: string): boolean {
	const dotted = segment.replace(/%2e/gi, '.');
	return dotted === '.' || dotted === '..';
}
