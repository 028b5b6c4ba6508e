import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { InMemoryCredentialsHelper } from '../harness/inMemoryCredentialsHelper';
import { runChatCentral, standardCredentials } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());

// n8n reads a credential from its database on every read: reads per item put a big run's
// requests behind hundreds of database queries.
it("a run of 20 items reads the credential as n8n's routing needs it, and the node once more, not per item", async () => {
	const reads = jest.spyOn(InMemoryCredentialsHelper.prototype, 'getDecrypted');
	const items = Array.from({ length: 20 }, (_, i) => ({ contactId: `reads-${i}` }));

	const result = await runChatCentral(
		{ operation: 'sendText', contactId: '={{ $json.contactId }}', text: 'Hi' },
		items,
		{ credentials: standardCredentials(sandbox) },
	);

	expect(result.error).toBeUndefined();
	expect(sandbox.accepted()).toHaveLength(20);
	// n8n: once for the run's Base URL, once per item to authenticate its request; the node: once
	expect(reads).toHaveBeenCalledTimes(1 + items.length + 1);
});
