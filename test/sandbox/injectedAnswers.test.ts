import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { expectError, expectSuccess } from './expectAnswer';
import { sendContent, textMessage } from './sandboxClient';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('injected answers', () => {
	test('replace the real answer of the next requests, then the real ones resume', async () => {
		sandbox.injectAnswer({ status: 405, message: '405 Method Not Allowed.' }, 2);

		expectError(await sendContent(sandbox, 'contact-1', textMessage()), 405, '405 Method Not Allowed.');
		expectError(await sendContent(sandbox, 'contact-2', textMessage()), 405, '405 Method Not Allowed.');
		expectSuccess(await sendContent(sandbox, 'contact-3', textMessage()));
		expect(sandbox.accepted().map((m) => m.contactId)).toEqual(['contact-3']);
		expect(sandbox.requests().map((r) => r.status)).toEqual([405, 405, 200]);
	});

	test('are forgotten on reset', async () => {
		sandbox.injectAnswer({ status: 503, message: 'Service Unavailable' });
		sandbox.reset();

		expectSuccess(await sendContent(sandbox, 'contact-1', textMessage()));
	});

	test('carry Retry-After when given', async () => {
		sandbox.injectAnswer({ status: 429, message: 'Too many requests', retryAfterSeconds: 3 });

		const response = await fetch(`${sandbox.baseUrl}/v1/message/sendContent/contact-1`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(textMessage()),
		});
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('3');
	});
});
