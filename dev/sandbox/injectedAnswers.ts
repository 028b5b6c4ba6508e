/**
 * An answer the next requests to the endpoint get instead of the real one, whatever they
 * carry: how tests make the sandbox give answers the node cannot provoke on its own
 * (a 405 from a misrouted Base URL, a 5xx from a failing server, a 429 at a given moment).
 */
export interface InjectedAnswer {
	status: number;
	message: string;
	/** Sent as the Retry-After header when given. */
	retryAfterSeconds?: number;
}
