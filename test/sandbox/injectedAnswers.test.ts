import { startSandbox, type Sandbox } from '../../sandbox/server';
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
});
