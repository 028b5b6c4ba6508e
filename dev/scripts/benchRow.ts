// Must come first: gives n8n-core a throwaway user folder before it loads.
import '../../test/setup/isolateN8nUserFolder';

// One row of `npm run bench`, in a process of its own (see dev/scripts/bench.ts): runs one workflow
// of N items through n8n-core's WorkflowExecute against the sandbox the parent started, and
// prints its measurements as JSON lines on stdout. Usage:
//   BENCH_BASE_URL=... BENCH_TOKEN=... node --import tsx dev/scripts/benchRow.ts <chatCentral|naive> <N> [contactPrefix] [messagesPerContact]
// With m messages per contact (default 1), the N items go to N/m contacts <contactPrefix><i> (default 'bench-'),
// interleaved: every contact's text "#1 …", then every contact's "#2 …", and so on.
// The token comes only through the environment and is never printed.

import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DirectoryLoader } from 'n8n-core';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { ChatCentralApi } from '../../credentials/ChatCentralApi.credentials';
import { ChatCentral } from '../../nodes/ChatCentral/ChatCentral.node.js'; // .js: tsx would otherwise pick the codex .node.json
import { runNode } from '../../test/harness';

export type BenchNodeKind = 'chatCentral' | 'chatCentralSendOnceKey' | 'naive';

const BENCH_NODE_KINDS: readonly string[] = ['chatCentral', 'chatCentralSendOnceKey', 'naive'];

/** What the child prints: `{ "event": "start" }` just before the run, then one BenchRowResult. */
export interface BenchRowResult {
	event: 'result';
	node: BenchNodeKind;
	n: number;
	/** process.resourceUsage().maxRSS after the run, in MB. */
	peakRssMb: number;
	/** Resident memory once n8n-core and the node are loaded and the items built, before the run, in MB. */
	rssBeforeRunMb: number;
	/** From handing the workflow to WorkflowExecute to its result. */
	runWallMs: number;
	/** Date.now() when the workflow was handed to WorkflowExecute (its upstream node takes no time). */
	startedAt: number;
	/** The process's CPU time (user + system) from then to the result, in ms. */
	runCpuMs: number;
	/** Items of the node's output carrying an error (only with On Error: Continue). */
	failedItems: number;
	/** Items the node output. */
	outputItems: number;
	/** Set when the node failed and stopped the workflow (n8n's default, On Error: Stop Workflow). */
	workflowError?: string;
	/** The workflow's static data after the run, as n8n would save it (JSON), in bytes. */
	staticDataBytes: number;
}

function nodeTypeOf(kind: BenchNodeKind): INodeType {
	const chatCentral = new ChatCentral();
	if (kind === 'naive') {
		// The same description without the request operation that paces and retries: n8n's
		// routing then makes every item's request directly, all at once.
		const description: INodeTypeDescription = { ...chatCentral.description };
		delete description.requestOperations;
		const naive: INodeType = { description };
		DirectoryLoader.applyDeclarativeNodeOptionParameters(naive);
		return naive;
	}
	// As n8n's package loader loads it (it adds the Request Options: batching, timeout, proxy).
	DirectoryLoader.applyDeclarativeNodeOptionParameters(chatCentral);
	return chatCentral;
}

function print(line: object): void {
	process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
	const [kind, count, contactPrefix = 'bench-', perContact = '1'] = process.argv.slice(2);
	const n = Number(count);
	const messagesPerContact = Number(perContact);
	const { BENCH_BASE_URL: baseUrl, BENCH_TOKEN: token } = process.env;
	if (
		!BENCH_NODE_KINDS.includes(kind) ||
		!Number.isInteger(n) ||
		n < 1 ||
		!Number.isInteger(messagesPerContact) ||
		messagesPerContact < 1 ||
		n % messagesPerContact !== 0
	) {
		throw new Error(
			`Usage: benchRow.ts <${BENCH_NODE_KINDS.join('|')}> <N> [contactPrefix] [messagesPerContact dividing N], with BENCH_BASE_URL and BENCH_TOKEN set`,
		);
	}
	if (!baseUrl || !token) throw new Error('BENCH_BASE_URL and BENCH_TOKEN must be set');

	const nodeType = nodeTypeOf(kind as BenchNodeKind);
	const staticData = {};
	const contactCount = n / messagesPerContact;
	const items = Array.from({ length: n }, (_, index) => {
		const contactId = `${contactPrefix}${(index % contactCount) + 1}`;
		return { contactId, text: `#${Math.floor(index / contactCount) + 1} Hi ${contactId}, your order has shipped!` };
	});
	const rssBeforeRunMb = process.memoryUsage.rss() / 1024 / 1024;

	print({ event: 'start' });
	const startedAt = performance.now();
	const startedAtMs = Date.now();
	const cpuBefore = process.cpuUsage();
	const result = await runNode({
		nodeType,
		credentialType: new ChatCentralApi(),
		credentials: { token, baseUrl },
		parameters: {
			resource: 'message',
			operation: 'sendText',
			contactId: '={{ $json.contactId }}',
			text: '={{ $json.text }}',
			// Each item's text is its own (numbered, per contact): the key of one message
			...(kind === 'chatCentralSendOnceKey' ? { options: { sendOnceKey: '=order-shipped {{ $json.text }}' } } : {}),
		},
		items,
		// A production execution of a saved, published workflow: n8n loads its static data whole and saves it
		mode: 'webhook',
		active: true,
		staticData,
	});
	const runWallMs = performance.now() - startedAt;
	const cpu = process.cpuUsage(cpuBefore);

	const row: BenchRowResult = {
		event: 'result',
		node: kind as BenchNodeKind,
		n,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
		rssBeforeRunMb,
		runWallMs,
		startedAt: startedAtMs,
		runCpuMs: (cpu.user + cpu.system) / 1000,
		failedItems: result.output.filter((item) => item.error !== undefined).length,
		outputItems: result.output.length,
		...(result.error === undefined ? {} : { workflowError: result.error.message }),
		staticDataBytes: JSON.stringify(staticData).length,
	};
	print(row);
}

main()
	.catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	})
	.finally(() => rmSync(process.env.N8N_USER_FOLDER ?? '', { recursive: true, force: true }));
