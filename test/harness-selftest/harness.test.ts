import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runNode, testCredential } from '../harness';
import type { NodeUnderTest } from '../harness';
import { FORBIDDEN_PATH_SEGMENT, GOOD_TOKEN, startFixtureServer } from './fixtureServer';
import type { FixtureServer } from './fixtureServer';
import { BAD_TOKEN_MESSAGE, createGreeterCredentialType } from './greeterCredentialType';
import { REJECTED_NAME, createGreeterNodeType } from './greeterNodeType';

const greetEachItemByName = { name: '={{ $json.name }}' };

describe('harness', () => {
	let server: FixtureServer;
	let greeter: NodeUnderTest;

	beforeAll(async () => {
		server = await startFixtureServer();
		greeter = {
			nodeType: createGreeterNodeType(),
			credentialType: createGreeterCredentialType(server.baseUrl),
			credentials: { token: GOOD_TOKEN },
		};
	});
	afterAll(async () => await server.close());
	beforeEach(() => {
		server.requests.length = 0;
	});

	it('resolves an expression per item and sends one authenticated request per item', async () => {
		const { output, errorOutput, error } = await runNode({
			...greeter,
			parameters: greetEachItemByName,
			items: [{ name: 'ann' }, { name: 'bob' }, { name: 'cy' }],
		});

		expect(error).toBeUndefined();
		expect(server.requests).toEqual(
			['ann', 'bob', 'cy'].map((name) =>
				expect.objectContaining({
					method: 'POST',
					url: `/greet/${name}`,
					body: { name },
					headers: expect.objectContaining({ authorization: `Bearer ${GOOD_TOKEN}` }),
				}),
			),
		);
		expect(output).toEqual(
			['ann', 'bob', 'cy'].map((name, item) => ({
				json: { ok: true, method: 'POST', url: `/greet/${name}`, body: { name } },
				pairedItem: { item },
			})),
		);
		expect(errorOutput).toEqual([]);
	});

	it("fills in a credential property's default when the stored data lacks it", async () => {
		await runNode({ ...greeter, parameters: { name: 'ann' }, items: [{}] });
		await runNode({
			...greeter,
			credentials: { token: GOOD_TOKEN, baseUrl: `${server.baseUrl}/stored` },
			parameters: { name: 'bob' },
			items: [{}],
		});

		expect(server.requests.map(({ url }) => url)).toEqual(['/greet/ann', '/stored/greet/bob']);
	});

	describe('when postReceive throws a NodeApiError for one item', () => {
		const items = [{ name: 'ann' }, { name: FORBIDDEN_PATH_SEGMENT }, { name: 'bob' }];
		const forbiddenError = {
			message: 'Forbidden - perhaps check your credentials?',
			description: 'forbidden',
			httpCode: '403',
		};

		it('with continueOnFail, outputs an error item in its place', async () => {
			const { output, error } = await runNode({
				...greeter,
				parameters: greetEachItemByName,
				items,
				continueOnFail: true,
			});

			expect(error).toBeUndefined();
			expect(output.map(({ json }) => json)).toEqual([
				expect.objectContaining({ ok: true, url: '/greet/ann' }),
				{ error: forbiddenError.message },
				expect.objectContaining({ ok: true, url: '/greet/bob' }),
			]);
			expect(output.map(({ pairedItem }) => pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(output[1].error).toBeInstanceOf(NodeApiError);
			expect(output[1].error).toMatchObject({ ...forbiddenError, context: { itemIndex: 1 } });
		});

		it('with continueErrorOutput, routes the error item to the error output', async () => {
			const { output, errorOutput, error } = await runNode({
				...greeter,
				parameters: greetEachItemByName,
				items,
				onError: 'continueErrorOutput',
			});

			expect(error).toBeUndefined();
			expect(output.map(({ json }) => json.url)).toEqual(['/greet/ann', '/greet/bob']);
			expect(errorOutput).toHaveLength(1);
			expect(errorOutput[0].json).toEqual({ error: forbiddenError.message });
			expect(errorOutput[0].error).toBeInstanceOf(NodeApiError);
			// The engine splits the outputs before pairing items, and RoutingNode pairs none itself.
			expect([...output, ...errorOutput].map(({ pairedItem }) => pairedItem)).toEqual([
				undefined,
				undefined,
				undefined,
			]);
		});

		it('without continueOnFail, fails the run with that NodeApiError', async () => {
			const { output, error, run } = await runNode({
				...greeter,
				parameters: greetEachItemByName,
				items,
			});

			expect(run.status).toBe('error');
			expect(output).toEqual([]);
			// The engine keeps a plain-object copy of the thrown error, not the instance.
			expect(error).toMatchObject({
				name: 'NodeApiError',
				...forbiddenError,
				context: { itemIndex: 1, runIndex: 0 },
			});
		});
	});

	describe('when preSend throws a NodeOperationError for one item', () => {
		const items = [{ name: 'ann' }, { name: REJECTED_NAME }, { name: 'bob' }];

		it('sends no request for that item but does for the others', async () => {
			const { output } = await runNode({
				...greeter,
				parameters: greetEachItemByName,
				items,
				continueOnFail: true,
			});

			expect(server.requests.map(({ url }) => url)).toEqual(['/greet/ann', '/greet/bob']);
			expect(output[1]).toMatchObject({
				json: { error: 'Cannot greet nobody' },
				pairedItem: { item: 1 },
			});
			expect(output[1].error).toBeInstanceOf(NodeOperationError);
			expect(output[1].error).toMatchObject({ context: { itemIndex: 1 } });
		});

		it('without continueOnFail, fails the run after the other items were sent', async () => {
			const { error } = await runNode({ ...greeter, parameters: greetEachItemByName, items });

			// RoutingNode re-wraps any rejected request that is not a NodeApiError in a NodeApiError.
			expect(error).toMatchObject({
				name: 'NodeApiError',
				message: 'Cannot greet nobody',
				httpCode: 'none',
				context: { itemIndex: 1 },
			});
			expect(server.requests.map(({ url }) => url)).toEqual(['/greet/ann', '/greet/bob']);
		});
	});

	describe('testCredential', () => {
		it('reports a good token as a successful connection', async () => {
			await expect(testCredential(greeter)).resolves.toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(server.requests).toEqual([
				expect.objectContaining({
					url: '/me',
					headers: expect.objectContaining({ authorization: `Bearer ${GOOD_TOKEN}` }),
				}),
			]);
		});

		it("reports a bad token with the test's responseCode rule message", async () => {
			const result = await testCredential({ ...greeter, credentials: { token: 'bad-token' } });

			expect(result).toEqual({ status: 'Error', message: BAD_TOKEN_MESSAGE });
			// n8n-core retries a request once after a 401, in case the credential can refresh itself.
			expect(server.requests.map(({ url, headers }) => [url, headers.authorization])).toEqual([
				['/me', 'Bearer bad-token'],
				['/me', 'Bearer bad-token'],
			]);
		});
	});
});
