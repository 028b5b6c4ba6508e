import { contactOfRequest } from '../sandbox/requestContact';
import type { Sandbox } from '../sandbox/server';
import { deliveryCounts } from './deliveryCounts';

/** What the sandbox saw of one benchmark or test run: the messages to its contacts. */
export interface RunMeasurement {
	/** Contacts that got the message. */
	delivered: number;
	/** Messages accepted beyond the first per contact. */
	duplicates: number;
	/** Contacts that got none. */
	lost: number;
	/** The sandbox's 429 answers to the run's requests. */
	refused429: number;
	/** First request arrival → last accepted arrival, in seconds (sandbox clock); undefined without any accepted. */
	sendWindowS: number | undefined;
	/** (ceil(N / limit) − 1) s, the physical minimum, over the send window; undefined when messages were lost. */
	shareOfLimit: number | undefined;
}

/** Measures the standard-channel traffic to `contacts`, one message each expected, against a limit of `requestsPerSecond`. */
export function measureRun(sandbox: Sandbox, contacts: ReadonlySet<string>, requestsPerSecond: number): RunMeasurement {
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
	const lost = contacts.size - delivered;
	const minimumS = Math.ceil(contacts.size / requestsPerSecond) - 1;
	const shareOfLimit = lost > 0 || sendWindowS === undefined || sendWindowS <= 0 ? undefined : minimumS / sendWindowS;
	return {
		delivered,
		duplicates,
		lost,
		refused429: runRequests.filter((request) => request.status === 429).length,
		sendWindowS,
		shareOfLimit,
	};
}
