// examples/mcp-server-chatcentral-tools.json as the e2e test and `npm run demo` serve it: its
// MCP Server Trigger's Bearer credential, the URL an MCP client connects to, and a client of the
// official MCP TypeScript SDK (the one MCP hosts such as Claude Desktop and Cursor build on).

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import type { N8nServer } from './realN8n';

export const MCP_SERVER_EXAMPLE = {
	file: 'mcp-server-chatcentral-tools.json',
	workflowId: 'ccExampleMcpServer',
	/** The trigger's Path: n8n serves it at /mcp/<path>. */
	path: 'chatcentral',
	/** The Bearer credential the trigger references. */
	credential: { id: 'ccMcpBearer001', name: 'ChatCentral MCP clients' },
};

/** The trigger's Bearer credential holding `token`, as `n8n import:credentials` takes it. */
export const mcpBearerCredential = (token: string): Record<string, unknown> => ({
	...MCP_SERVER_EXAMPLE.credential,
	type: 'httpBearerAuth',
	data: { token },
});

export const mcpServerUrl = (server: N8nServer): string => `${server.url}/mcp/${MCP_SERVER_EXAMPLE.path}`;

/**
 * Waits until n8n serves the trigger's path (published workflows are activated after n8n's REST
 * routes are up): an unauthenticated POST answers 404 until then, and is refused afterwards.
 * Returns that first refusal's status.
 */
export async function mcpPathRegistered(server: N8nServer, limitMs = 60_000): Promise<number> {
	const deadline = performance.now() + limitMs;
	for (;;) {
		const { status } = await fetch(mcpServerUrl(server), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		if (status !== 404) return status;
		if (performance.now() > deadline) throw new Error(`${mcpServerUrl(server)} still 404 after ${limitMs / 1000} s`);
		await new Promise((done) => setTimeout(done, 250));
	}
}

/** An MCP client connected (initialize done) to the example's trigger, sending `headers` with every request. */
export async function connectMcpClient(server: N8nServer, headers: Record<string, string>): Promise<Client> {
	const client = new Client({ name: 'n8n-nodes-chatcentral-e2e', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(mcpServerUrl(server)), { requestInit: { headers } }));
	return client;
}
