import type { Sandbox } from '../sandbox/server';

/**
 * How many of `contacts` the sandbox accepted texts from in another order than they were
 * numbered ("#1 …", "#2 …": the item order of a run); texts without a number are not counted.
 */
export function contactsOutOfOrder(sandbox: Sandbox, contacts: ReadonlySet<string>): number {
	const lastNumber = new Map<string, number>();
	const outOfOrder = new Set<string>();
	for (const message of sandbox.accepted()) {
		if (message.channel !== 'standard' || !contacts.has(message.contactId)) continue;
		const number = /^#(\d+)/.exec(String(message.payload.body[0].text ?? ''))?.[1];
		if (number === undefined) continue;
		if (Number(number) < (lastNumber.get(message.contactId) ?? 0)) outOfOrder.add(message.contactId);
		lastNumber.set(message.contactId, Number(number));
	}
	return outOfOrder.size;
}
