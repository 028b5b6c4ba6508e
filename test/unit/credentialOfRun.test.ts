import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { credentialOfRun } from '../../nodes/ChatCentral/credentialOfRun';

/** A node run's item: its run's execute data, and a credential read that n8n answers with `reads`. */
function itemOfRun(run: object, reads: Array<() => Promise<ICredentialDataDecryptedObject>>) {
	const getCredentials = jest.fn(async () => await reads.shift()!());
	return { getExecuteData: () => run as never, getCredentials: getCredentials as never, reads: getCredentials };
}

describe('credentialOfRun', () => {
	it('reads once for all the items of a run, and again for another run', async () => {
		const run = {};
		const stored = { token: 't', baseUrl: 'http://127.0.0.1/api' };
		const answers = Array.from({ length: 3 }, () => async () => stored);
		const items = [itemOfRun(run, answers), itemOfRun(run, answers)];

		await expect(Promise.all(items.map(credentialOfRun))).resolves.toEqual([stored, stored]);
		const otherRun = itemOfRun({}, answers);
		await expect(credentialOfRun(otherRun)).resolves.toBe(stored);

		expect(items[0].reads.mock.calls.length + items[1].reads.mock.calls.length).toBe(1);
		expect(otherRun.reads).toHaveBeenCalledTimes(1);
	});

	it('does not keep a failed read: the next item (or a retry of the node) reads again', async () => {
		const run = {};
		const stored = { token: 't', baseUrl: 'http://127.0.0.1/api' };
		const item = itemOfRun(run, [
			async () => await Promise.reject(new Error('Credential with ID "7" does not exist')),
			async () => stored,
		]);

		await expect(credentialOfRun(item)).rejects.toThrow('does not exist');
		await expect(credentialOfRun(item)).resolves.toBe(stored);
		expect(item.reads).toHaveBeenCalledTimes(2);
	});
});
