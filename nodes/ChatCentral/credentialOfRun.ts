import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { SendContext } from './itemContext';

// n8n reads a credential from its database on every getCredentials (in queue mode through a pool
// of two PostgreSQL connections): a run's hundreds of items each reading it put their requests
// behind hundreds of reads, and the first second of a big send goes unused. n8n's routing reads
// it once per run for the Base URL; the node does the same for the token's pacer and the channel.
const credentials = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

/** The ChatCentral credential as this node run reads it: once for all its items (and retries). */
export async function credentialOfRun(
	context: Pick<SendContext, 'getCredentials' | 'getExecuteData'>,
): Promise<ICredentialDataDecryptedObject> {
	const run = context.getExecuteData();
	let read = credentials.get(run);
	if (read === undefined) {
		read = context.getCredentials('chatCentralApi');
		credentials.set(run, read);
		// A failed read (a missing credential) is not kept: a retry of the node reads again
		read.catch(() => credentials.delete(run));
	}
	return await read;
}
