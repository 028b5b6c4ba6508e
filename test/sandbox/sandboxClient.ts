import { connect } from 'node:net';
import type { Sandbox } from '../../dev/sandbox/server';

export interface ApiAnswer {
	status: number;
	contentType: string | null;
	body: { status: string; message: string; data: unknown[] };
}

export interface SendOptions {
	/** The bearer token; default the sandbox's standard token, null for no Authorization header. */
	token?: string | null;
	method?: string;
	contentType?: string;
	/** Sent instead of JSON.stringify(payload). */
	rawBody?: string | Uint8Array;
}

export const SEND_CONTENT_PATH = '/api/v1/message/sendContent/';

export function textMessage(text = 'Hi there'): { body: [{ type: 'text'; text: string }] } {
	return { body: [{ type: 'text', text }] };
}

/** POSTs (by default) to the endpoint for a contact segment that is used exactly as given. */
export async function sendContent(
	sandbox: Sandbox,
	contactSegment: string,
	payload: unknown,
	options: SendOptions = {},
): Promise<ApiAnswer> {
	const method = options.method ?? 'POST';
	const token = options.token === undefined ? sandbox.token : options.token;
	const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json' };
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	const hasBody = method !== 'GET' && method !== 'HEAD';
	const response = await fetch(`${sandbox.baseUrl}/v1/message/sendContent/${contactSegment}`, {
		method,
		headers,
		body: hasBody ? (options.rawBody ?? JSON.stringify(payload)) : undefined,
	});
	return toAnswer(response.status, response.headers.get('content-type'), await response.text());
}

/** POSTs a valid text message and keeps what a retrying client looks at: the status and Retry-After. */
export async function sendForRetryAfter(
	sandbox: Sandbox,
	contactSegment = 'contact-1',
): Promise<{ status: number; retryAfter: string | null }> {
	const response = await fetch(`${sandbox.baseUrl}/v1/message/sendContent/${contactSegment}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(textMessage()),
	});
	await response.arrayBuffer();
	return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

/** Fetches any path on the sandbox's origin (fetch normalizes the path). */
export async function fetchPath(sandbox: Sandbox, path: string, init: RequestInit = {}): Promise<ApiAnswer> {
	const response = await fetch(new URL(sandbox.baseUrl).origin + path, init);
	return toAnswer(response.status, response.headers.get('content-type'), await response.text());
}

/**
 * Sends a request target byte for byte over a plain socket, for paths that fetch would
 * normalize or refuse to send (fragments, dot segments, raw spaces).
 */
export function sendRaw(
	sandbox: Sandbox,
	requestTarget: string,
	options: { token?: string; body?: string } = {},
): Promise<ApiAnswer> {
	const { hostname, port } = new URL(sandbox.baseUrl);
	const body = options.body ?? JSON.stringify(textMessage());
	const head = [
		`POST ${requestTarget} HTTP/1.1`,
		`Host: ${hostname}:${port}`,
		`Authorization: Bearer ${options.token ?? sandbox.token}`,
		'Content-Type: application/json',
		`Content-Length: ${Buffer.byteLength(body)}`,
		'Connection: close',
	].join('\r\n');
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), hostname, () => {
			socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), Buffer.from(body)]));
		});
		const chunks: Buffer[] = [];
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('error', reject);
		socket.on('end', () => {
			const response = Buffer.concat(chunks).toString('utf8');
			const [responseHead, responseBody] = response.split('\r\n\r\n', 2);
			const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(responseHead)?.[1]);
			const contentType = /^content-type: (.*)$/im.exec(responseHead)?.[1] ?? null;
			resolve(toAnswer(status, contentType, responseBody));
		});
	});
}

function toAnswer(status: number, contentType: string | null, text: string): ApiAnswer {
	return { status, contentType, body: JSON.parse(text) };
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
