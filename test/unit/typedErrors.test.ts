import type { IExecuteSingleFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiAnswerError, ApiAnswerError } from '../../nodes/ChatCentral/errors/ApiAnswerError';
import { MayHaveBeenDeliveredError } from '../../nodes/ChatCentral/errors/MayHaveBeenDeliveredError';
import { CHATCENTRAL_NODE } from './chatCentralNode';

const item3 = { getNode: () => CHATCENTRAL_NODE, getItemIndex: () => 2 } as unknown as IExecuteSingleFunctions;

const answer = (statusCode: number, body: unknown, headers: Record<string, string> = {}): IN8nHttpFullResponse => ({
	statusCode,
	headers,
	body: body as IN8nHttpFullResponse['body'],
});

describe('ApiAnswerError', () => {
	it('carries the answer status and its Retry-After for the retry rules', () => {
		const error = apiAnswerError(item3, answer(429, { status: 'error', message: 'Too many requests' }, { 'retry-after': '2' }));
		expect(error).toBeInstanceOf(ApiAnswerError);
		expect(error).toMatchObject({ status: 429, retryAfterMs: 2000, message: 'Too many requests', httpCode: '429' });
		expect(error?.context.itemIndex).toBe(2);
	});

	it('is none for ChatCentral\'s "Message Sent"', () => {
		expect(apiAnswerError(item3, answer(200, { status: 'Success', message: 'Message Sent', data: [] }))).toBeUndefined();
	});

	it('is a NodeApiError by class and by name, which is how n8n recognises and shows it', () => {
		const error = apiAnswerError(item3, answer(403, { status: 'error', message: 'Contact not found' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.retryAfterMs).toBeUndefined();
	});
});

describe('MayHaveBeenDeliveredError', () => {
	it('says the message may have arrived, names the connection error, and is a NodeApiError by name', () => {
		const reset = Object.assign(new Error('socket hang up'), { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
		const error = new MayHaveBeenDeliveredError(item3, reset);
		expect(error.message).toBe('No answer from ChatCentral: the message may have been delivered, so it was not sent again');
		expect(error.description).toMatch(/\(ECONNRESET\)/);
		expect(error.name).toBe('NodeApiError');
		expect(error.context.itemIndex).toBe(2);
	});
});
