export interface InjectedAnswer {
	status: number;
	message: string;
}

/**
 * Answers the next requests to the endpoint get instead of the real one, whatever they
 * carry: how tests make the sandbox give answers the node cannot provoke on its own
 * (a 405 from a misrouted Base URL, a 5xx from a failing server).
 */
export class InjectedAnswers {
	private queue: InjectedAnswer[] = [];

	add(answer: InjectedAnswer, times: number): void {
		for (let i = 0; i < times; i++) this.queue.push(answer);
	}

	next(): InjectedAnswer | undefined {
		return this.queue.shift();
	}

	clear(): void {
		this.queue = [];
	}
}
