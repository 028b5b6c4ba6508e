import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { InMemoryCredentialsHelper } from '../harness/inMemoryCredentialsHelper';
import { runChatCentral, standardCredentials } from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());

// n8n reads a credential from its database on every read: reads per item put a big run's
// requests behind hundreds of database queries.
it("a run of 20 items reads the credential once for n8n's routing and once for the node, not per item", async () => {
	const reads = jest.spyOn(InMemoryCredentialsHelper.prototype, 'getDecrypted');
	const items = Array.from({ length: 20 }, (_, i) => ({ contactId: `reads-${i}` }));

	const result = await runChatCentral(
		{ operation: 'sendText', contactId: '={{ $json.contactId }}', text: 'Hi' },
		items,
		{ credentials: standardCredentials(sandbox) },
	);

	expect(result.error).toBeUndefined();
	expect(sandbox.accepted()).toHaveLength(20);
	// n8n: once for the run's Base URL; the node: once, for its pacer and every request's token
	expect(reads).toHaveBeenCalledTimes(2);
});
