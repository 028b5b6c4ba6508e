// Must come first: gives n8n-core a throwaway user folder before it loads.
import '../../test/setup/isolateN8nUserFolder';

// `npx tsx dev/scripts/benchFirstMessage.ts [N]` (default 10,000): how soon the first message of a
// run of N texts (Send Text, `={{ $json.contactId }}` and `={{ $json.text }}`, defaults) reaches
// the sandbox, 150 ms away, from the workflow's start, in n8n's engine (n8n-core, the harness of
// `npm run bench`); the process exits at the first request instead of sending all N (a full row:
// `npm run bench -- --big`). Prints one JSON line. Add `--cpu-prof` to node to see where the time goes.

import { rmSync } from 'node:fs';
import { DirectoryLoader } from 'n8n-core';

import { ChatCentralApi } from '../../credentials/ChatCentralApi.credentials';
import { ChatCentral } from '../../nodes/ChatCentral/ChatCentral.node.js'; // .js: tsx would otherwise pick the codex .node.json
import { runNode } from '../../test/harness';
import { startSandbox } from '../sandbox/server';

async function main(): Promise<void> {
	const n = Number(process.argv[2] ?? 10_000);
	if (!Number.isInteger(n) || n < 1) throw new Error('Usage: benchFirstMessage.ts [N]');
	const sandbox = await startSandbox({ requestsPerSecond: 25, oneWayDelayMs: 75, delayJitterMs: 3 });
	const nodeType = new ChatCentral();
	DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	const items = Array.from({ length: n }, (_, index) => ({ contactId: `c-${index + 1}`, text: `Hi c-${index + 1}, your order has shipped!` }));
	const startedAt = Date.now();
	const firstRequest = new Promise<number>((resolve) => {
		const poll = setInterval(() => {
			const requests = sandbox.requests();
			if (requests.length === 0) return;
			clearInterval(poll);
			resolve(Math.min(...requests.map((request) => request.receivedAt)));
		}, 5);
	});
	void runNode({
		nodeType,
		credentialType: new ChatCentralApi(),
		credentials: { token: sandbox.token, baseUrl: sandbox.baseUrl },
		parameters: { resource: 'message', operation: 'sendText', contactId: '={{ $json.contactId }}', text: '={{ $json.text }}' },
		items,
		mode: 'webhook',
		staticData: {},
	});
	const firstAt = await firstRequest;
	process.stdout.write(`${JSON.stringify({ n, firstRequestAfterStartS: (firstAt - startedAt) / 1000 })}\n`);
	rmSync(process.env.N8N_USER_FOLDER ?? '', { recursive: true, force: true });
	process.exit(0);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
