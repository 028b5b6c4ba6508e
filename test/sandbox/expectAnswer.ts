import type { ApiAnswer } from './sandboxClient';

export function expectSuccess(answer: ApiAnswer): void {
	expect(answer).toEqual({
		status: 200,
		contentType: 'application/json',
		body: { status: 'Success', message: 'Message Sent', data: [] },
	});
}

/** `message` may be a matcher such as expect.stringContaining(...). */
export function expectError(answer: ApiAnswer, status: number, message: unknown): void {
	expect(answer).toEqual({
		status,
		contentType: 'application/json',
		body: { status: 'error', message, data: [] },
	});
}
