// A local OpenAI-compatible model for tests of AI Agent workflows in real n8n: it answers
// chat-completions requests (non-streaming and streaming) with what a test's script decides,
// listens on loopback only, and keeps every request it received for assertions.

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { parseJsonBody } from '../sandbox/parseJsonBody';
import { completion, completionChunks, type ChatCompletionRequest, type ModelTurn } from './chatCompletion';

export * from './chatCompletion';

export interface ReceivedModelRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: ChatCompletionRequest;
}

export interface ModelStandIn {
	/** The OpenAI base URL to give n8n (the openAiApi credential's `url`), ending in /v1. */
	url: string;
	/** Every chat-completions request received, in order. */
	requests: ReceivedModelRequest[];
	close(): Promise<void>;
}

/** Decides each answer; `index` counts the chat-completions requests from 0. */
export type ModelScript = (request: ChatCompletionRequest, index: number) => ModelTurn;

export async function startModelStandIn(script: ModelScript): Promise<ModelStandIn> {
	const requests: ReceivedModelRequest[] = [];
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const path = (request.url ?? '/').split('?')[0];
			const answerError = (status: number, message: string) => {
				response.writeHead(status, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ error: { message, type: 'invalid_request_error', code: null } }));
			};
			if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
				answerError(404, `The stand-in answers only POST …/chat/completions, not ${request.method} ${path}`);
				return;
			}
			const parsed = parseJsonBody(request.headers['content-type'], Buffer.concat(chunks));
			if ('error' in parsed) {
				answerError(400, parsed.error);
				return;
			}
			const body = parsed.value as ChatCompletionRequest;
			const index = requests.length;
			requests.push({ method: request.method, path, headers: request.headers, body });
			let turn: ModelTurn;
			try {
				turn = script(body, index);
			} catch (error) {
				answerError(500, `The stand-in's script failed: ${(error as Error).message}`);
				return;
			}
			const identity = { answer: index, model: body.model, created: Math.floor(Date.now() / 1000) };
			if (body.stream !== true) {
				response.writeHead(200, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify(completion(turn, identity)));
				return;
			}
			const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
			response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
			for (const chunk of completionChunks(turn, identity, includeUsage)) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
			response.end('data: [DONE]\n\n');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
