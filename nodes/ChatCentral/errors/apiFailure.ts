import { HOSTED_BASE_URL } from '../hostedBaseUrl';

export interface ApiFailure {
	message: string;
	description: string;
}

export const FILE_TYPE_MISMATCH = 'Sorry, Url provided is not an image/audio/video file';

function apiMessage(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const { message } = body as { message?: unknown };
	return typeof message === 'string' && message.trim() !== '' ? message : undefined;
}

function isMessageSent(body: unknown): boolean {
	return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'Success';
}

/**
 * What went wrong with a send, in the API's own words (`message`) and what the user can
 * do about it (`description`); undefined when ChatCentral confirmed the message.
 */
export function apiFailure(statusCode: number, body: unknown): ApiFailure | undefined {
	const message = apiMessage(body);
	if (statusCode >= 200 && statusCode < 300) {
		if (isMessageSent(body)) return undefined;
		return {
			message: 'The Base URL answered, but not with ChatCentral\'s "Message Sent"',
			description: `Check the Base URL in the ChatCentral API credential (the hosted service is ${HOSTED_BASE_URL}). The message may or may not have been delivered.`,
		};
	}
	switch (statusCode) {
		case 401:
			return {
				message: message ?? 'API Token is invalid.',
				description:
					'ChatCentral did not accept the channel token. Check the Channel Token in the ChatCentral API credential: in ChatCentral, Settings → Channels → the key (API) icon of the channel.',
			};
		case 403:
			if (message === FILE_TYPE_MISMATCH) {
				return {
					message,
					description:
						'The URL must point at a file of the chosen Attachment Type (an image for Image, a video for Video, an audio clip for Audio). For documents and other files choose File.',
				};
			}
			return {
				message: message ?? 'ChatCentral refused the message',
				description:
					'ChatCentral refused this message. Check that the contact ID belongs to a contact of this channel and that the message follows the limits in the node\'s fields.',
			};
		case 405:
			return {
				message: message ?? '405 Method Not Allowed.',
				description: `The Base URL does not lead to ChatCentral's send endpoint. Check the Base URL in the ChatCentral API credential (the hosted service is ${HOSTED_BASE_URL}).`,
			};
		case 429:
			return {
				message: message ?? 'Too many requests',
				description:
					'ChatCentral takes at most 25 requests per second per channel token and did not accept this message.',
			};
		default:
			return {
				message: message ?? `ChatCentral answered with HTTP status ${statusCode}`,
				description:
					statusCode >= 500
						? 'ChatCentral had a problem with this message and did not confirm it: most likely it was not delivered, but it may have been. n8n\'s Retry of this execution (or a run with the same Send Once Key) sends it again: check the conversation first where a second copy would matter.'
						: `The Base URL does not lead to ChatCentral's send endpoint. Check the Base URL in the ChatCentral API credential (the hosted service is ${HOSTED_BASE_URL}).`,
			};
	}
}
