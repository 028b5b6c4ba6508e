import { channelOfAuthorization, type Channel, type ChannelTokens } from './channel';
import { decodeContactSegment } from './contactSegment';
import type { InjectedAnswers } from './injectedAnswers';
import type { MessagePayload, MessageRecord } from './messageRecord';
import { parseJsonBody } from './parseJsonBody';
import type { SlidingWindowRateLimiter } from './rateLimiter';
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
	channel: Channel | null;
}

export interface SandboxState {
	tokens: ChannelTokens;
	rateLimiter: SlidingWindowRateLimiter<Channel>;
	record: MessageRecord;
	injectedAnswers: InjectedAnswers;
}

// Stands in for the API's general 403 about contacts it does not know.
const UNKNOWN_CONTACT_PREFIX = 'unknown';

/**
 * Decides the API's answer to one complete request, recording the message when accepted.
 * The order of the checks is the API's: route, method, token, rate limit, then content.
 * An injected answer takes the place of all of them.
 */
export function answerRequest(call: IncomingCall, state: SandboxState): Answer {
	const route = routeOf(call.rawUrl);
	if (route.kind === 'notFound') return { status: 404, message: 'Not Found', channel: null };
	const injected = state.injectedAnswers.next();
	if (injected !== undefined) return { ...injected, channel: null };
	if (call.method !== 'POST') return { status: 405, message: '405 Method Not Allowed.', channel: null };
	const channel = channelOfAuthorization(call.authorization, state.tokens);
	if (channel === null) return { status: 401, message: 'API Token is invalid.', channel: null };
	if (!state.rateLimiter.admit(channel)) return { status: 429, message: 'Too many requests', channel };

	const reject = (message: string): Answer => ({ status: 403, message, channel });
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
	return { status: 200, message: 'Message Sent', channel };
}
