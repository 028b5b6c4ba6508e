import { channelOfAuthorization, type Channel, type ChannelTokens } from './channel';
import { decodeContactSegment } from './contactSegment';
import type { InjectedAnswer } from './injectedAnswers';
import type { InjectionQueue } from './injectionQueue';
import type { MessagePayload, MessageRecord } from './messageRecord';
import { parseJsonBody } from './parseJsonBody';
import type { RateLimitStorm } from './rateLimitStorm';
import type { SlidingWindowRateLimiter } from './rateLimiter';
import { retryAfterValue, type RetryAfterMode } from './retryAfter';
import { routeOf } from './route';
import { validateMessage } from './validateMessage';

export interface IncomingCall {
	method: string;
	rawUrl: string;
	authorization: string | undefined;
	contentType: string | undefined;
	body: Buffer;
}

export interface Answer {
	status: number;
	message: string;
	/** The channel whose token the request carried to the endpoint, whatever the answer. */
	channel: Channel | null;
	/** Whether it took a slot in the channel's rate window. */
	admitted: boolean;
	/** When it took that slot, on the rate limiter's clock (performance.now() in the server). */
	admittedAtMs?: number;
	/** The Retry-After header's value, when the answer has one. */
	retryAfter?: string;
}

export interface SandboxState {
	tokens: ChannelTokens;
	rateLimiter: SlidingWindowRateLimiter<Channel>;
	record: MessageRecord;
	injectedAnswers: InjectionQueue<InjectedAnswer>;
	storm: RateLimitStorm;
	/** How rate-window 429s carry Retry-After; undefined: they carry none, as documented. */
	retryAfter: RetryAfterMode | undefined;
}

const TOO_MANY_REQUESTS = 'Too many requests';
// Stands in for the API's general 403 about contacts it does not know.
const UNKNOWN_CONTACT_PREFIX = 'unknown';

/**
 * Decides the API's answer to one complete request, recording the message when accepted.
 * The order of the checks is the API's: route, method, token, rate limit, then content.
 * An injected answer takes the place of all of them but the route; a storm, of the rate limit.
 */
export function answerRequest(call: IncomingCall, state: SandboxState): Answer {
	const route = routeOf(call.rawUrl);
	if (route.kind === 'notFound') return { status: 404, message: 'Not Found', channel: null, admitted: false };
	const channel = channelOfAuthorization(call.authorization, state.tokens);
	const withoutSlot = (status: number, message: string, retryAfter?: string): Answer => ({
		status,
		message,
		channel,
		admitted: false,
		retryAfter,
	});
	const injected = state.injectedAnswers.next();
	if (injected !== undefined) return withoutSlot(injected.status, injected.message, injected.retryAfterSeconds?.toString());
	if (call.method !== 'POST') return withoutSlot(405, '405 Method Not Allowed.');
	if (channel === null) return withoutSlot(401, 'API Token is invalid.');
	const storm = state.storm.current();
	if (storm !== null) return withoutSlot(429, TOO_MANY_REQUESTS, storm.retryAfterSeconds?.toString());
	const admittedAtMs = state.rateLimiter.admitAt(channel);
	if (admittedAtMs === undefined) {
		const waitMs = state.rateLimiter.msUntilAdmission(channel);
		return withoutSlot(429, TOO_MANY_REQUESTS, state.retryAfter && retryAfterValue(state.retryAfter, waitMs));
	}

	const reject = (message: string): Answer => ({ status: 403, message, channel, admitted: true, admittedAtMs });
	if (route.hasQueryOrFragment) {
		return reject(
			'Contact ID must be exactly one path segment: the request had a query string or fragment (percent-encode "?" and "#" in the ID)',
		);
	}
	const parsed = parseJsonBody(call.contentType, call.body);
	if ('error' in parsed) return reject(parsed.error);
	const invalid = validateMessage(parsed.value);
	if (invalid !== null) return reject(invalid);
	const contact = decodeContactSegment(route.contactSegment, channel);
	if ('error' in contact) return reject(contact.error);
	if (contact.contactId.startsWith(UNKNOWN_CONTACT_PREFIX)) return reject('Contact not found');

	state.record.accept({
		channel,
		contactId: contact.contactId,
		contactSegment: route.contactSegment,
		payload: parsed.value as MessagePayload, // validated above
	});
	return { status: 200, message: 'Message Sent', channel, admitted: true, admittedAtMs };
}
