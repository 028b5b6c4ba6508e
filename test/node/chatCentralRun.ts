import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DirectoryLoader } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { ChatCentralApi } from '../../credentials/ChatCentralApi.credentials';
import { ChatCentral } from '../../nodes/ChatCentral/ChatCentral.node';
import { runNode, testCredential, type NodeRunResult } from '../harness';
import type { Sandbox } from '../../dev/sandbox/server';

/** The node as n8n loads it: its package loader adds Request Options (batching, timeout, proxy). */
export const chatCentral = new ChatCentral();
DirectoryLoader.applyDeclarativeNodeOptionParameters(chatCentral);
export const chatCentralApi = new ChatCentralApi();

export function standardCredentials(sandbox: Sandbox): ICredentialDataDecryptedObject {
	return { token: sandbox.token, baseUrl: sandbox.baseUrl };
}

export function viberCredentials(sandbox: Sandbox): ICredentialDataDecryptedObject {
	return { token: sandbox.viberToken, baseUrl: sandbox.baseUrl, viberChannel: true };
}

export interface SendOptions {
	credentials: ICredentialDataDecryptedObject;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	executeOnce?: boolean;
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
}

/** Runs the ChatCentral node through n8n's engine on `items`, fed by an upstream node. */
export async function runChatCentral(
	parameters: INodeParameters,
	items: IDataObject[],
	{ credentials, onError, executeOnce, retryOnFail }: SendOptions,
): Promise<NodeRunResult> {
	return await runNode({
		nodeType: chatCentral,
		credentialType: chatCentralApi,
		credentials,
		parameters: { resource: 'message', ...parameters },
		items,
		onError,
		executeOnce,
		retryOnFail,
	});
}

export async function testChatCentralCredential(credentials: ICredentialDataDecryptedObject) {
	return await testCredential({ nodeType: chatCentral, credentialType: chatCentralApi, credentials });
}

export const textTo = (contactId: string, text: string): INodeParameters => ({
	operation: 'sendText',
	contactId,
	text,
});

/** A Base URL on this machine where nothing listens any more: connecting to it is refused. */
export async function closedPortBaseUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
	return `http://127.0.0.1:${port}/api`;
}
