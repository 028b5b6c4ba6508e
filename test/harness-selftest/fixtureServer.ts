import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const GOOD_TOKEN = 'good-token';
export const FORBIDDEN_PATH_SEGMENT = 'forbidden';

export interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: unknown;
}

export interface FixtureServer {
	baseUrl: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

function statusAndBodyFor(request: RecordedRequest): [number, object] {
	if (request.headers.authorization !== `Bearer ${GOOD_TOKEN}`) return [401, { message: 'bad' }];
	if (request.url.includes(`/${FORBIDDEN_PATH_SEGMENT}`)) return [403, { message: 'forbidden' }];
	return [200, { ok: true, method: request.method, url: request.url, body: request.body }];
}

/** A recording JSON API on 127.0.0.1: 401 without the good token, 403 on forbidden paths. */
export async function startFixtureServer(): Promise<FixtureServer> {
	const requests: RecordedRequest[] = [];
	const server: Server = createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const request: RecordedRequest = {
				method: incoming.method ?? '',
				url: incoming.url ?? '',
				headers: incoming.headers,
				body: rawBody ? (JSON.parse(rawBody) as unknown) : undefined,
			};
			requests.push(request);
			const [status, body] = statusAndBodyFor(request);
			outgoing.writeHead(status, { 'content-type': 'application/json' });
			outgoing.end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		close: async () =>
			await new Promise<void>((resolve, reject) =>
				server.close((error) => (error ? reject(error) : resolve())),
			),
	};
}
