/**
 * What a failed send means for the message, which decides whether it may be sent again:
 * - `refusedForRate`: a 429, the message was not accepted: retry it.
 * - `notSent`: the connection was never made (refused, host not found): retry it.
 * - `mayHaveBeenDelivered`: the request went out and no answer came back (reset, timeout):
 *   ChatCentral may have delivered it, so it is never sent again.
 * - `final`: ChatCentral answered and refused it (401, 403, 405, …), or answered 5xx: not
 *   sent again.
 */
export type SendFailure = 'refusedForRate' | 'notSent' | 'mayHaveBeenDelivered' | 'final';

const NOTHING_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export function sendFailure(httpStatus: number | undefined, connectionErrorCode: string | undefined): SendFailure {
	if (httpStatus === 429) return 'refusedForRate';
	if (httpStatus !== undefined) return 'final';
	if (connectionErrorCode !== undefined && NOTHING_SENT_CODES.has(connectionErrorCode)) return 'notSent';
	return 'mayHaveBeenDelivered';
}
