import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { injectDomainRestrictionFields, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ChatCentralApi } from '../../credentials/ChatCentralApi.credentials';
import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runNode } from '../harness';
import { chatCentral, standardCredentials, textTo } from './chatCentralRun';
import { whereSaid } from './everythingSaid';

// The credential as n8n's loader hands it over: with its "Allowed HTTP Request Domains" fields.
const chatCentralApi = new ChatCentralApi();
chatCentralApi.properties = injectDomainRestrictionFields(chatCentralApi);

const onlyExampleCom = { allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com' };

let sandbox: Sandbox;
// A Base URL on 127.0.0.1 whose every request is redirected (307, the POST kept) to the same
// server under another host, localhost, which answers as ChatCentral does.
let redirecting: Server;
let redirectingBaseUrl: string;
let hostsReached: string[];
beforeAll(async () => {
	sandbox = await startSandbox();
	redirecting = createServer((request, response) => {
		const host = request.headers.host ?? '';
		hostsReached.push(host.split(':')[0]);
		if (host.startsWith('localhost:')) {
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'Success', message: 'Message Sent' }));
			return;
		}
		response.writeHead(307, { location: `http://localhost:${(redirecting.address() as AddressInfo).port}${request.url}` }).end();
	});
	// Both loopbacks: localhost may resolve to ::1 or to 127.0.0.1
	await new Promise<void>((resolve) => redirecting.listen(0, '::', resolve));
	redirectingBaseUrl = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/api`;
});
beforeEach(() => (hostsReached = []));
afterAll(async () => {
	await sandbox.close();
	await new Promise<void>((resolve) => redirecting.close(() => resolve()));
});

async function sendOneText(credentials: ICredentialDataDecryptedObject, retryOnFail?: { maxTries: number; waitBetweenTries: number }) {
	return await runNode({
		nodeType: chatCentral,
		credentialType: chatCentralApi,
		credentials,
		parameters: { resource: 'message', ...textTo('c-allowed', 'Hi') },
		items: [{}],
		retryOnFail,
	});
}

describe("the credential's Allowed HTTP Request Domains", () => {
	it("Specific Domains: the node's own Base URL is allowed though the list does not name it (n8n adds the Base URL the node declares)", async () => {
		const result = await sendOneText({ ...standardCredentials(sandbox), ...onlyExampleCom });

		expect(result.error).toBeUndefined();
		expect(sandbox.accepted().map(({ contactId }) => contactId)).toEqual(['c-allowed']);
	});

	it('Specific Domains: a redirect to a host the list does not allow is refused, and nothing reaches that host', async () => {
		const result = await sendOneText({ token: sandbox.token, baseUrl: redirectingBaseUrl, ...onlyExampleCom });

		expect(result.error).toBeDefined();
		expect(hostsReached).toEqual(['127.0.0.1']);
	});

	it('Specific Domains: the refused redirect names the setting and the host to add, and says the message may have been delivered', async () => {
		const result = await sendOneText({ token: sandbox.token, baseUrl: redirectingBaseUrl, ...onlyExampleCom });

		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message:
				"ChatCentral redirected the request to localhost, which this credential's Allowed HTTP Request Domains does not list: add localhost there, or set the credential's Base URL to the address it redirects to",
			description: expect.stringMatching(/redirect instead of "Message Sent", so the message may have been delivered, and it was not sent again/),
		});
		expect(whereSaid(result.error, sandbox.token)).toEqual([]);
	});

	it('Specific Domains: Retry On Fail does not send the refused message again (ChatCentral answered it with a redirect, not "Message Sent")', async () => {
		const result = await sendOneText({ token: sandbox.token, baseUrl: redirectingBaseUrl, ...onlyExampleCom }, { maxTries: 3, waitBetweenTries: 0 });

		expect(result.error?.message).toMatch(/^ChatCentral redirected the request to localhost/);
		expect(hostsReached).toEqual(['127.0.0.1']);
	});

	it('All: the same redirect is followed (what the refusal above is measured against)', async () => {
		const result = await sendOneText({ token: sandbox.token, baseUrl: redirectingBaseUrl, allowedHttpRequestDomains: 'all' });

		expect(result.error).toBeUndefined();
		expect(hostsReached).toEqual(['127.0.0.1', 'localhost']);
	});
});
