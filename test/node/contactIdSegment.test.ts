import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runChatCentral, standardCredentials } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const longContactId = Array.from({ length: 300 }, (_, i) => 'aZ9/?#% +ñ'[i % 10]).join('');

// Each one would change the request's path, query or fragment if sent unencoded.
const hostileContactIds = [
	'a/b',
	'a?b=c',
	'a#b',
	'100%',
	'%2F',
	'+5491122334455',
	'two words',
	'José Ñandú',
	'../admin',
	'a\\b',
	'..%2F..',
	'👩🏽‍💻🇦🇷',
	longContactId,
];

it('the 300-character contact ID is 300 characters long', () => {
	expect(longContactId).toHaveLength(300);
	expect([...longContactId]).toHaveLength(300);
});

describe('a contact ID is always exactly one path segment (standard channel)', () => {
	it('delivers each hostile contact ID once, intact, percent-encoded as the segment', async () => {
		expect(hostileContactIds.length).toBeLessThan(25); // the sandbox's per-second limit
		const result = await runChatCentral(
			{ operation: 'sendText', contactId: '={{ $json.contactId }}', text: 'Hi' },
			hostileContactIds.map((contactId) => ({ contactId })),
			{ credentials: standardCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		// Every request reached the endpoint: no 404 (path changed) and no 400 (unparsable target).
		expect(sandbox.requests().map((r) => r.status)).toEqual(hostileContactIds.map(() => 200));
		expect(sandbox.requests().every((r) => r.method === 'POST' && r.channel === 'standard')).toBe(true);

		const accepted = sandbox.accepted();
		expect(accepted).toHaveLength(hostileContactIds.length);
		for (const contactId of hostileContactIds) {
			const deliveries = accepted.filter((m) => m.contactId === contactId);
			expect(deliveries.map((m) => m.contactSegment)).toEqual([encodeURIComponent(contactId)]);
			expect(deliveries[0].payload).toEqual({ body: [{ type: 'text', text: 'Hi' }] });
		}

		expect(result.output).toHaveLength(hostileContactIds.length);
		result.output.forEach((item, index) => {
			expect(item.json).toEqual({
				contactId: hostileContactIds[index],
				messageType: 'text',
				status: 'Success',
				message: 'Message Sent',
				data: [],
			});
			expect(item.pairedItem).toEqual({ item: index });
		});
	});

	it.each([
		['a/b', 'a%2Fb'],
		['a?b=c', 'a%3Fb%3Dc'],
		['a#b', 'a%23b'],
		['100%', '100%25'],
		['%2F', '%252F'],
		['+5491122334455', '%2B5491122334455'],
		['two words', 'two%20words'],
		['José Ñandú', 'Jos%C3%A9%20%C3%91and%C3%BA'],
		['../admin', '..%2Fadmin'],
		['a\\b', 'a%5Cb'],
		['..%2F..', '..%252F..'],
	])('sends %j as the segment %j', async (contactId, segment) => {
		const result = await runChatCentral(
			{ operation: 'sendText', contactId, text: 'Hi' },
			[{}],
			{ credentials: standardCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests().map((r) => [r.status, r.path])).toEqual([
			[200, `/api/v1/message/sendContent/${segment}`],
		]);
		expect(sandbox.accepted().map((m) => m.contactId)).toEqual([contactId]);
	});
});
