import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { credentialDataWithDefaults } from '../harness/credentialDataWithDefaults';
import {
	chatCentralApi,
	closedPortBaseUrl,
	standardCredentials,
	testChatCentralCredential,
	viberCredentials,
} from './chatCentralRun';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const NOT_CHATCENTRAL =
	'The Base URL did not answer like the ChatCentral API. Check it: the hosted service is https://chatcentral.orade.com/api';

describe('the credential test against ChatCentral', () => {
	it('the channel token: OK, after one probe that ChatCentral refuses, so nothing is sent', async () => {
		const result = await testChatCentralCredential(standardCredentials(sandbox));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.accepted()).toEqual([]);
		const requests = sandbox.requests().map(({ method, path, channel, status, message }) => ({ method, path, channel, status, message }));
		expect(requests).toEqual([
			{
				method: 'POST',
				path: '/api/v1/message/sendContent/credential-check',
				channel: 'standard',
				status: 403,
				message: 'body must contain exactly one element',
			},
		]);
	});

	it('a wrong token: Error with the API message, nothing sent', async () => {
		const result = await testChatCentralCredential({ ...standardCredentials(sandbox), token: 'not-the-channel-token' });

		expect(result).toEqual({ status: 'Error', message: 'API Token is invalid.' });
		expect(sandbox.accepted()).toEqual([]);
		expect(sandbox.requests().map((r) => r.status)).toEqual([401]);
	});

	it('a Viber channel token with Viber Channel on: OK, nothing sent', async () => {
		const result = await testChatCentralCredential(viberCredentials(sandbox));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.accepted()).toEqual([]);
		expect(sandbox.requests().map((r) => [r.channel, r.status])).toEqual([['viber', 403]]);
	});
});

describe('the credential test against a Base URL that is not ChatCentral', () => {
	let website: Server;
	let websiteUrl: string;
	let websiteHits: string[];
	beforeAll(async () => {
		// Some other website: every path answers 200 with an HTML page.
		website = createServer((request, response) => {
			websiteHits.push(`${request.method} ${request.url}`);
			response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			response.end('<!doctype html><html><head><title>Acme</title></head><body><h1>Welcome to Acme</h1></body></html>');
		});
		await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
		websiteUrl = `http://127.0.0.1:${(website.address() as AddressInfo).port}/api`;
	});
	afterAll(async () => {
		website.closeAllConnections();
		await new Promise<void>((resolve) => website.close(() => resolve()));
	});
	beforeEach(() => (websiteHits = []));

	it('a website answering 200 with HTML: Error saying to check the Base URL', async () => {
		const result = await testChatCentralCredential({ token: sandbox.token, baseUrl: websiteUrl });

		expect(result).toEqual({ status: 'Error', message: NOT_CHATCENTRAL });
		expect(websiteHits).toEqual(['POST /api/v1/message/sendContent/credential-check']);
		expect(sandbox.requests()).toEqual([]);
	});

	it('a closed port: Error ECONNREFUSED', async () => {
		const result = await testChatCentralCredential({ token: sandbox.token, baseUrl: await closedPortBaseUrl() });

		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
		expect(sandbox.requests()).toEqual([]);
	});
});

describe('the Base URL default', () => {
	// A test with only a token would go to the hosted service over the internet, which these
	// tests do not reach: check the default n8n fills in instead.
	it('is the hosted service, filled in when the stored credential has no Base URL', () => {
		const baseUrl = chatCentralApi.properties.find((property) => property.name === 'baseUrl');
		expect(baseUrl?.default).toBe('https://chatcentral.orade.com/api');
		expect(credentialDataWithDefaults(chatCentralApi, { token: 'some-token' })).toEqual({
			token: 'some-token',
			baseUrl: 'https://chatcentral.orade.com/api',
			viberChannel: false,
			maxRequestsPerSecond: 25,
		});
	});
});
