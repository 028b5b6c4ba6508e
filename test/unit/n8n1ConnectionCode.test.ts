// n8n 1.x (1.123.81) keeps no `cause` on a failed request's NodeApiError: n8n-workflow 1.x's
// ExecutionBaseError declares a `cause` class field, which resets the cause `super` set. Its
// `httpCode` holds the connection code instead (NodeApiError reads `code` among its status keys).
// Measured with 1.123.81's httpRequestWithAuthentication against a closed port:
// { message: 'The service refused the connection - perhaps it is offline', cause: undefined,
//   httpCode: 'ECONNREFUSED', description: undefined }. n8n 2.41.1 gives the same httpCode and
// keeps axios's error as the cause.

import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { failedTryOf } from '../../nodes/ChatCentral/delivery/sendPaced';
import { triesThroughPacer } from '../../nodes/ChatCentral/delivery/triesThroughPacer';
import { connectionErrorCode } from '../../nodes/ChatCentral/errors/requestErrors';
import type { PacerSlot, RequestPacer } from '../../nodes/ChatCentral/pacing/RequestPacer';

const node: INode = { id: '1', name: 'ChatCentral', type: 'n8n-nodes-chatcentral.chatCentral', typeVersion: 1, position: [0, 0], parameters: {} };

/** axios's error for a request that got no answer. */
function axiosError(code: string): Error {
	const error = Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
	Object.defineProperty(error, 'constructor', { value: { name: 'AxiosError' } });
	return error;
}

/** n8n 2.x's error for it, as httpRequestWithAuthentication throws it. */
const n8n2Error = (code: string): NodeApiError => new NodeApiError(node, axiosError(code) as never);

/** n8n 1.x's error for it: the same, without the cause. */
function n8n1Error(code: string): NodeApiError {
	const error = n8n2Error(code);
	error.cause = undefined;
	return error;
}

const pacer = {
	acquire: async (): Promise<PacerSlot> => ({ place: 0, pausedForMs: 0, finished: () => {}, refused: () => {} }),
} as unknown as RequestPacer;

/** How a send that fails `failures` times, then is accepted, ends through the retry rules. */
async function triesOf(failures: unknown[]): Promise<{ end: unknown; tries: number }> {
	let tries = 0;
	const send = async () => {
		if (tries++ < failures.length) throw failures[tries - 1];
		return 'Message Sent';
	};
	const end = await triesThroughPacer(pacer, undefined, send, failedTryOf);
	return { end, tries };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("a connection error as n8n 1.x's request helpers throw it", () => {
	it('has the shape n8n 1.123.81 gives: no cause, the code in httpCode', () => {
		expect(n8n1Error('ECONNREFUSED')).toMatchObject({ cause: undefined, httpCode: 'ECONNREFUSED', message: 'The service refused the connection - perhaps it is offline' });
		expect(n8n2Error('ECONNREFUSED')).toMatchObject({ cause: expect.objectContaining({ code: 'ECONNREFUSED' }), httpCode: 'ECONNREFUSED' });
	});

	it('gives its connection code on both versions', () => {
		for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET']) {
			expect([connectionErrorCode(n8n1Error(code)), connectionErrorCode(n8n2Error(code))]).toEqual([code, code]);
		}
	});

	it('a refused connection (nothing was sent) is tried again', async () => {
		const ended = triesOf([n8n1Error('ECONNREFUSED'), n8n1Error('ECONNREFUSED')]);
		await jest.advanceTimersByTimeAsync(10_000);
		expect(await ended).toEqual({ end: { sent: 'Message Sent' }, tries: 3 });
	});

	it('a reset connection (the message may have been delivered) is never tried again', async () => {
		const failure = n8n1Error('ECONNRESET');
		expect(await triesOf([failure])).toEqual({ end: { kind: 'mayHaveBeenDelivered', failure }, tries: 1 });
	});

	it('never takes an HTTP status in httpCode for a connection code', () => {
		for (const httpCode of ['502', '429', '4XX']) {
			expect(connectionErrorCode(new NodeApiError(node, { message: 'Bad gateway' }, { httpCode }))).toBeUndefined();
		}
		// a status key in an answer's body, not a Node.js error code
		expect(connectionErrorCode(new NodeApiError(node, { message: 'refused', code: 'invalid_token' }))).toBeUndefined();
	});
});
