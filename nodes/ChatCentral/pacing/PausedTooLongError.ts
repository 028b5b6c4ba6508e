/**
 * ChatCentral asked every sender with the token to wait (a 429's Retry-After) longer than a
 * request may still wait: it fails now rather than at the end of the pause.
 */
export class PausedTooLongError extends Error {
	constructor(readonly resumesInMs: number) {
		super(`ChatCentral asked to wait ${Math.ceil(resumesInMs / 1000)} s before the next request with this token`);
		this.name = 'PausedTooLongError';
	}
}
