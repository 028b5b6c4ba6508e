/**
 * An answer the next requests to the endpoint get instead of the real one, whatever they
 * carry: how tests make the sandbox give answers the node cannot provoke on its own
 * (a 405 from a misrouted Base URL, a 5xx from a failing server). It carries no Retry-After.
 */
export interface InjectedAnswer {
	status: number;
	message: string;
}
