import type { Sandbox } from '../sandbox/server';

/**
 * What the sandbox accepted on the standard channel for `contacts`: how many of them got the
 * message, and how many messages they got beyond their first.
 */
export function deliveryCounts(sandbox: Sandbox, contacts: ReadonlySet<string>): { delivered: number; duplicates: number } {
	const acceptedPerContact = new Map<string, number>();
	for (const message of sandbox.accepted()) {
		if (message.channel !== 'standard' || !contacts.has(message.contactId)) continue;
		acceptedPerContact.set(message.contactId, (acceptedPerContact.get(message.contactId) ?? 0) + 1);
	}
	const duplicates = [...acceptedPerContact.values()].reduce((sum, count) => sum + count - 1, 0);
	return { delivered: acceptedPerContact.size, duplicates };
}
