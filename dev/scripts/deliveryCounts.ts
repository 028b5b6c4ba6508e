import type { Sandbox } from '../sandbox/server';

/**
 * What the sandbox accepted on the standard channel for `contacts`: how many distinct messages
 * (by content) they got, and how many they got again beyond the first of each.
 */
export function deliveryCounts(sandbox: Sandbox, contacts: ReadonlySet<string>): { delivered: number; duplicates: number } {
	const acceptedPerMessage = new Map<string, number>();
	for (const message of sandbox.accepted()) {
		if (message.channel !== 'standard' || !contacts.has(message.contactId)) continue;
		const key = `${message.contactId}\n${JSON.stringify(message.payload.body[0])}`;
		acceptedPerMessage.set(key, (acceptedPerMessage.get(key) ?? 0) + 1);
	}
	const duplicates = [...acceptedPerMessage.values()].reduce((sum, count) => sum + count - 1, 0);
	return { delivered: acceptedPerMessage.size, duplicates };
}
