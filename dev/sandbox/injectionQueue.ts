/** What the next requests to the endpoint get, one item per request, in the order added. */
export class InjectionQueue<Item> {
	private queue: Item[] = [];

	add(item: Item, times: number): void {
		if (!Number.isInteger(times) || times < 0) throw new Error('times must be a whole number ≥ 0');
		for (let i = 0; i < times; i++) this.queue.push(item);
	}

	next(): Item | undefined {
		return this.queue.shift();
	}

	clear(): void {
		this.queue = [];
	}
}
