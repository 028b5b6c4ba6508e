import { contactOfRequest } from '../sandbox/requestContact';
import type { Sandbox } from '../sandbox/server';
import { contactsOutOfOrder } from './contactsOutOfOrder';
import { deliveryCounts } from './deliveryCounts';

/** What the sandbox saw of one benchmark or test run: the messages to its contacts. */
export interface RunMeasurement {
	/** Distinct messages accepted (one per contact unless `messagesPerContact` says more). */
	delivered: number;
	/** Messages accepted again beyond the first of each. */
	duplicates: number;
	/** Messages expected and not accepted. */
	lost: number;
	/** Contacts whose numbered texts ("#1 …") were accepted out of their order. */
	outOfOrder: number;
	/** The sandbox's 429 answers to the run's requests. */
	refused429: number;
	/** First request arrival → last accepted arrival, in seconds (sandbox clock); undefined without any accepted. */
	sendWindowS: number | undefined;
	/** (ceil(N / limit) − 1) s, the physical minimum, over the send window; undefined when messages were lost. */
	shareOfLimit: number | undefined;
}

/** Measures the standard-channel traffic to `contacts`, `messagesPerContact` messages each expected, against a limit of `requestsPerSecond`. */
export function measureRun(
	sandbox: Sandbox,
	contacts: ReadonlySet<string>,
	requestsPerSecond: number,
	messagesPerContact = 1,
): RunMeasurement {
	const { delivered, duplicates } = deliveryCounts(sandbox, contacts);
	const runRequests = sandbox.requests().filter((request) => {
		const contact = contactOfRequest(request);
		return request.channel === 'standard' && contact !== null && contacts.has(contact);
	});
	const firstArrival = runRequests.reduce((first, request) => Math.min(first, request.arrivedAtMs), Infinity);
	const lastAccepted = runRequests
		.filter((request) => request.status === 200)
		.reduce((last, request) => Math.max(last, request.arrivedAtMs), -Infinity);
	const sendWindowS = lastAccepted === -Infinity ? undefined : (lastAccepted - firstArrival) / 1000;
	const expected = contacts.size * messagesPerContact;
	const lost = expected - delivered;
	const minimumS = Math.ceil(expected / requestsPerSecond) - 1;
	const shareOfLimit = lost > 0 || sendWindowS === undefined || sendWindowS <= 0 ? undefined : minimumS / sendWindowS;
	return {
		delivered,
		duplicates,
		lost,
		outOfOrder: contactsOutOfOrder(sandbox, contacts),
		refused429: runRequests.filter((request) => request.status === 429).length,
		sendWindowS,
		shareOfLimit,
	};
}
