import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DirectoryLoader } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { ChatCentralApi } from '../../credentials/ChatCentralApi.credentials';
import { ChatCentral } from '../../nodes/ChatCentral/ChatCentral.node';
import { retryExecution, runNode, testCredential, type NodeRunResult, type RunNodeOptions } from '../harness';
import type { Sandbox } from '../../dev/sandbox/server';

/** The node as n8n loads it: its package loader adds Request Options (batching, timeout, proxy). */
export const chatCentral = new ChatCentral();
DirectoryLoader.applyDeclarativeNodeOptionParameters(chatCentral);
export const chatCentralApi = new ChatCentralApi();

export function standardCredentials(sandbox: Pick<Sandbox, 'token' | 'baseUrl'>): ICredentialDataDecryptedObject {
	return { token: sandbox.token, baseUrl: sandbox.baseUrl };
}

export function viberCredentials(sandbox: Sandbox): ICredentialDataDecryptedObject {
	return { token: sandbox.viberToken, baseUrl: sandbox.baseUrl, viberChannel: true };
}

export type SendOptions = Omit<RunNodeOptions, 'nodeType' | 'credentialType' | 'parameters' | 'items'> & {
	/** Another copy of the node (e.g. loaded in isolation, as in another n8n process); default chatCentral. */
	nodeType?: INodeType;
};

function chatCentralRunOptions(parameters: INodeParameters, items: IDataObject[], options: SendOptions): RunNodeOptions {
	return {
		nodeType: chatCentral,
		credentialType: chatCentralApi,
		...options,
		parameters: { resource: 'message', ...parameters },
		items,
	};
}

/** Runs the ChatCentral node through n8n's engine on `items`, fed by an upstream node. */
export async function runChatCentral(
	parameters: INodeParameters,
	items: IDataObject[],
	options: SendOptions,
): Promise<NodeRunResult> {
	return await runNode(chatCentralRunOptions(parameters, items, options));
}

/** Runs a failed run of the node again as n8n's Retry does; `parameters` and `items` as the failed run had them. */
export async function retryChatCentral(
	failed: NodeRunResult,
	parameters: INodeParameters,
	items: IDataObject[],
	options: SendOptions,
): Promise<NodeRunResult> {
	return await retryExecution(failed.run, chatCentralRunOptions(parameters, items, options));
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
