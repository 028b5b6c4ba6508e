// Must come first: gives n8n-core a throwaway user folder before it loads.
import '../test/setup/isolateN8nUserFolder';

import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ChatCentralApi } from '../credentials/ChatCentralApi.credentials';
import { ChatCentral } from '../nodes/ChatCentral/ChatCentral.node.js'; // .js: tsx would otherwise pick the codex .node.json
import { startSandbox, type AcceptedMessage, type Sandbox } from '../sandbox/server';
import { runNode, type NodeRunResult } from '../test/harness';

const crmContacts = [
	{ contactId: 'c-1001', firstName: 'Ana', order: 5512, receipt: 'https://shop.example.com/receipts/5512.png' },
	{ contactId: 'c-1002', firstName: 'Bruno', order: 5513, receipt: 'https://shop.example.com/receipts/5513.png' },
	{ contactId: 'c-1003', firstName: 'Chen', order: 5514, receipt: 'https://shop.example.com/receipts/5514.png' },
];

interface Step {
	title: string;
	parameters: INodeParameters;
	items: IDataObject[];
	viber?: boolean;
	onError?: 'continueRegularOutput';
	expectedDeliveries: number;
	/** Print a summary instead of every message. */
	bulk?: boolean;
}

const steps: Step[] = [
	{
		title: 'Send Text to every CRM contact, mapped with expressions',
		parameters: {
			operation: 'sendText',
			contactId: '={{ $json.contactId }}',
			text: '=Hi {{ $json.firstName }}, order {{ $json.order }} has shipped!',
		},
		items: crmContacts,
		expectedDeliveries: 3,
	},
	{
		title: 'Send Attachment: each contact gets their receipt image',
		parameters: { operation: 'sendAttachment', contactId: '={{ $json.contactId }}', attachmentType: 'image', url: '={{ $json.receipt }}' },
		items: crmContacts,
		expectedDeliveries: 3,
	},
	{
		title: 'Send Quick Reply: a question with three buttons',
		parameters: {
			operation: 'sendQuickReply',
			contactId: '={{ $json.contactId }}',
			title: 'How was your delivery?',
			replies: ['Great 👍', 'OK', 'Bad 👎'],
		},
		items: crmContacts,
		expectedDeliveries: 3,
	},
	{
		title: 'Viber channel: the node Base64-encodes the contact ID',
		parameters: { operation: 'sendText', contactId: 'viber-contact/7+ü', text: 'Hola from Viber' },
		items: [{}],
		viber: true,
		expectedDeliveries: 1,
	},
	{
		title: 'On Error: Continue: a reply over 20 characters fails its own item only, before any request',
		parameters: {
			operation: 'sendQuickReply',
			contactId: '={{ $json.contactId }}',
			title: 'Pick a delivery slot',
			replies: '={{ $json.slots }}',
		},
		items: [
			{ contactId: 'c-1001', slots: ['Morning', 'Afternoon'] },
			{ contactId: 'c-1002', slots: ['Tomorrow between 9 and 12', 'Evening'] },
		],
		onError: 'continueRegularOutput',
		expectedDeliveries: 1,
	},
	{
		title: 'A bulk send: 120 contacts at once, paced to ChatCentral\'s 25 requests per second',
		parameters: { operation: 'sendText', contactId: '={{ $json.contactId }}', text: 'Our summer sale starts today!' },
		items: Array.from({ length: 120 }, (_, i) => ({ contactId: `c-${2001 + i}` })),
		expectedDeliveries: 120,
		bulk: true,
	},
];

function describeMessage({ payload }: AcceptedMessage): string {
	const [element] = payload.body;
	const content =
		element.type === 'text'
			? JSON.stringify(element.text)
			: element.type === 'quick_reply'
				? `${JSON.stringify(element.title)} [${(element.replies as string[]).join(' | ')}]`
				: String(element.url);
	return `${String(element.type).padEnd(11)} ${content}`;
}

function describeOutput(result: NodeRunResult): string[] {
	return result.output.map((item, index) =>
		item.error === undefined
			? `    item ${index + 1}: ✓ ${String(item.json.message)} to ${String(item.json.contactId)}`
			: `    item ${index + 1}: ✗ ${item.error.message}`,
	);
}

async function runStep(sandbox: Sandbox, step: Step): Promise<NodeRunResult> {
	return await runNode({
		nodeType: new ChatCentral(),
		credentialType: new ChatCentralApi(),
		credentials: step.viber
			? { token: sandbox.viberToken, baseUrl: sandbox.baseUrl, viberChannel: true }
			: { token: sandbox.token, baseUrl: sandbox.baseUrl },
		parameters: { resource: 'message', ...step.parameters },
		items: step.items,
		onError: step.onError,
	});
}

async function main(): Promise<void> {
	const recordFile = resolve('.tmp/demo-messages.jsonl');
	const sandbox = await startSandbox({ recordFile });
	console.log("ChatCentral node demo: n8n's workflow engine (n8n-core) runs the node against the local ChatCentral sandbox");
	console.log(`Sandbox: ${sandbox.baseUrl}   record: ${recordFile}\n`);
	let missing = 0;
	try {
		for (const [index, step] of steps.entries()) {
			const before = sandbox.accepted().length;
			const startedAt = performance.now();
			const result = await runStep(sandbox, step);
			const received = sandbox.accepted().slice(before);
			console.log(`${index + 1}. ${step.title}`);
			if (result.error) console.log(`    the node failed: ${result.error.message}`);
			if (step.bulk) {
				const seconds = (performance.now() - startedAt) / 1000;
				const { refused429 } = sandbox.stats();
				console.log(
					`  the sandbox received ${received.length} messages in ${seconds.toFixed(1)} s, at most ${sandbox.peakRequestsInAnyWindow()} in any second, ${refused429} refused for rate`,
				);
				console.log(`  the node output: ${result.output.filter((item) => item.error === undefined).length} items "Message Sent"\n`);
				missing += Math.max(0, step.expectedDeliveries - received.length);
				continue;
			}
			console.log('  the sandbox received:');
			for (const message of received) {
				console.log(`    #${message.sequence} ${message.channel.padEnd(8)} ${message.contactId.padEnd(17)} ${describeMessage(message)}`);
				if (message.channel === 'viber') console.log(`        (the contact ID arrived as the path segment ${message.contactSegment})`);
			}
			console.log('  the node output:');
			console.log(describeOutput(result).join('\n'));
			console.log('');
			missing += Math.max(0, step.expectedDeliveries - received.length);
		}
		const all = sandbox.accepted();
		const expected = steps.reduce((sum, step) => sum + step.expectedDeliveries, 0);
		const distinct = new Set(all.map((m) => JSON.stringify([m.contactId, m.payload]))).size;
		console.log(`${all.length} of ${expected} expected messages delivered, ${all.length - distinct} duplicates.`);
		if (missing > 0 || all.length !== expected || distinct !== all.length) process.exitCode = 1;
	} finally {
		await sandbox.close();
		rmSync(process.env.N8N_USER_FOLDER ?? '', { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
