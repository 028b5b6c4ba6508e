// What each example workflow (examples/*.json) is called with and what the sandbox must then
// receive: shared by the e2e test (test/e2e) and `npm run demo`.

import { join } from 'node:path';
import type { AcceptedMessage, MessagePayload } from '../../dev/sandbox/server';
import { EXAMPLES_DIR } from './realN8n';

export interface ExpectedDelivery {
	contactId: string;
	payload: MessagePayload;
}

export interface ExpectedFailure {
	contactId: string;
	/** A part of the error message n8n records for the item. */
	error: string;
}

export interface Scenario {
	/** examples/<file> */
	file: string;
	workflowId: string;
	webhookPath: string;
	body: Record<string, unknown>;
	deliveries: ExpectedDelivery[];
	/** Items expected on the ChatCentral node's error output (error-branch.json). */
	failures: ExpectedFailure[];
}

const text = (contactId: string, message: string): ExpectedDelivery => ({
	contactId,
	payload: { body: [{ type: 'text', text: message }] },
});

const receipts = [
	['crm-1001', 5512],
	['crm-1002', 5513],
	['crm-1003', 5514],
] as const;

const shippedTo = [
	['once-ana', 'Ana'],
	['once-ben', 'Ben'],
	['once-cy', 'Cy'],
] as const;

/** What a shop posts to send-once-key.json when an order ships (at least once: maybe twice). */
export const shippedEvent = (eventId: string, orderId: string) => ({
	eventId,
	orderId,
	contacts: shippedTo.map(([contactId, name]) => ({ contactId, name })),
});

/** The notices send-once-key.json (and send-once-key-queue-mode.json) sends for `shippedEvent(…, orderId)`, one per contact. */
export const shippedNotices = (orderId: string): ExpectedDelivery[] =>
	shippedTo.map(([contactId, name]) => text(contactId, `Hi ${name}, order ${orderId} has shipped.`));

export const SCENARIOS = {
	welcome: {
		file: 'webhook-text-then-question.json',
		workflowId: 'ccExampleWelcome',
		webhookPath: 'chatcentral-welcome',
		body: { contactId: 'web-ana', name: 'Ana' },
		deliveries: [
			text('web-ana', 'Hi Ana, welcome to ChatCentral! We will keep you posted here.'),
			{
				contactId: 'web-ana',
				payload: { body: [{ type: 'quick_reply', title: 'What would you like to hear about?', replies: ['Orders', 'Offers', 'Support'] }] },
			},
		],
		failures: [],
	},
	receipts: {
		file: 'crm-attachments.json',
		workflowId: 'ccExampleReceipts',
		webhookPath: 'chatcentral-receipts',
		body: {},
		deliveries: receipts.map(([contactId, order]) => ({
			contactId,
			payload: { body: [{ type: 'image', url: `https://shop.example.com/receipts/${order}.png` }] },
		})),
		failures: [],
	},
	bulk: {
		file: 'bulk-300.json',
		workflowId: 'ccExampleBulk300',
		webhookPath: 'chatcentral-bulk',
		body: {},
		deliveries: Array.from({ length: 300 }, (_, index) =>
			text(`bulk-${String(index + 1).padStart(3, '0')}`, `Our summer sale starts today! (message ${index + 1} of 300)`),
		),
		failures: [],
	},
	errors: {
		file: 'error-branch.json',
		workflowId: 'ccExampleErrors01',
		webhookPath: 'chatcentral-errors',
		body: {},
		deliveries: [
			text('err-ok-1', 'Hi Dana, your appointment is tomorrow at 10:00.'),
			text('err-ok-2', 'Hi Eli, your appointment is tomorrow at 10:00.'),
		],
		failures: [
			{ contactId: 'unknown-contact-9', error: 'Contact not found' },
			{ contactId: '', error: 'is empty' },
		],
	},
	sendOnce: {
		file: 'send-once-key.json',
		workflowId: 'ccExampleOnceKey',
		webhookPath: 'chatcentral-send-once',
		body: shippedEvent('evt-5001', 'A-5001'),
		deliveries: shippedNotices('A-5001'),
		failures: [],
	},
	sendOnceQueue: {
		file: 'send-once-key-queue-mode.json',
		workflowId: 'ccExampleOnceQue',
		webhookPath: 'chatcentral-send-once-queue',
		body: shippedEvent('evt-6001', 'A-6001'),
		deliveries: shippedNotices('A-6001'),
		failures: [],
	},
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

export const exampleFiles = (): string[] => Object.values(SCENARIOS).map((scenario) => join(EXAMPLES_DIR, scenario.file));

export interface DeliveryCheck {
	expected: number;
	/** Expected messages the sandbox received exactly once. */
	deliveredOnce: number;
	missing: ExpectedDelivery[];
	/** Messages received more than once (extra copies). */
	duplicates: number;
	/** Messages received that were not expected. */
	unexpected: AcceptedMessage[];
}

/** Compares what the sandbox accepted (contact and payload, each exactly once) with the scenario. */
export function checkDeliveries(scenario: Scenario, accepted: AcceptedMessage[]): DeliveryCheck {
	const key = (contactId: string, payload: unknown): string => JSON.stringify([contactId, payload]);
	const counts = new Map<string, number>();
	for (const message of accepted) counts.set(key(message.contactId, message.payload), (counts.get(key(message.contactId, message.payload)) ?? 0) + 1);
	const expectedKeys = new Set(scenario.deliveries.map((delivery) => key(delivery.contactId, delivery.payload)));
	const missing = scenario.deliveries.filter((delivery) => !counts.has(key(delivery.contactId, delivery.payload)));
	let duplicates = 0;
	for (const count of counts.values()) duplicates += count - 1;
	return {
		expected: scenario.deliveries.length,
		deliveredOnce: scenario.deliveries.filter((delivery) => counts.get(key(delivery.contactId, delivery.payload)) === 1).length,
		missing,
		duplicates,
		unexpected: accepted.filter((message) => !expectedKeys.has(key(message.contactId, message.payload))),
	};
}
