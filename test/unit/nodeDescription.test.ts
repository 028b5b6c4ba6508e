import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { ChatCentralApi } from '../../credentials/ChatCentralApi.credentials';
import { ChatCentral } from '../../nodes/ChatCentral/ChatCentral.node';

const { description } = new ChatCentral();

/** The Options of the operations that send at once (Send and Wait has Options of its own). */
const sendOptions = description.properties.find(({ name, displayOptions }) => name === 'options' && displayOptions?.hide !== undefined);

function field(name: string): INodeProperties {
	const found = description.properties.find((property) => property.name === name);
	if (found === undefined) throw new Error(`no field ${name}`);
	return found;
}

describe('ChatCentral node description (the public names saved workflows depend on)', () => {
	const operations = field('operation').options as INodePropertyOptions[];

	it('is the declarative node chatCentral, version 1, usable as an AI tool', () => {
		expect(description).toMatchObject({
			name: 'chatCentral',
			displayName: 'ChatCentral',
			version: 1,
			usableAsTool: true,
			credentials: [{ name: 'chatCentralApi', required: true }],
			requestDefaults: { baseURL: '={{ $credentials.baseUrl }}', ignoreHttpStatusErrors: true },
		});
		expect(description.icon).toEqual({ light: 'file:chatCentral.svg', dark: 'file:chatCentral.dark.svg' });
	});

	it('has resource "message" and its operations with action names, listed alphabetically', () => {
		expect(field('resource').options).toEqual([{ name: 'Message', value: 'message' }]);
		expect(operations.map(({ value, action }) => [value, action])).toEqual(
			expect.arrayContaining([
				['sendAttachment', 'Send an attachment'],
				['sendQuickReply', 'Send a quick reply question'],
				['sendText', 'Send a text message'],
			]),
		);
		const names = operations.map(({ name }) => name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(field('operation').default).toBe('sendText');
	});

	it('offers no expression where one makes no sense', () => {
		expect(field('resource').noDataExpression).toBe(true);
		expect(field('operation').noDataExpression).toBe(true);
		// the attachment type may come from the data (a CRM's media type), so it stays mappable
		expect(field('attachmentType').noDataExpression).toBeUndefined();
	});

	it('marks every field a message needs as required', () => {
		for (const name of ['contactId', 'text', 'attachmentType', 'url', 'title', 'replies']) {
			expect([name, field(name).required]).toEqual([name, true]);
		}
	});

	it('shows Contact ID for every message operation, Options for each but Send and Wait (which has its own), and each other field for its operation only', () => {
		const shownFor = (name: string) => field(name).displayOptions?.show?.operation;
		expect(field('contactId').displayOptions).toEqual({ show: { resource: ['message'] } });
		expect(sendOptions?.displayOptions).toEqual({ show: { resource: ['message'] }, hide: { operation: ['sendAndWait'] } });
		const perOperation = description.properties.filter(
			(property) => !['resource', 'operation', 'contactId', 'requestOptions'].includes(property.name) && property !== sendOptions,
		);
		for (const property of perOperation) {
			expect([property.name, property.displayOptions?.show?.resource, shownFor(property.name)?.length]).toEqual([property.name, ['message'], 1]);
		}
		expect(shownFor('text')).toEqual(['sendText']);
		expect(shownFor('attachmentType')).toEqual(['sendAttachment']);
		expect(shownFor('url')).toEqual(['sendAttachment']);
		expect(shownFor('title')).toEqual(['sendQuickReply']);
		expect(shownFor('replies')).toEqual(['sendQuickReply']);
	});

	it("has n8n's Request Options in Settings, which n8n's loader adds to no node with a webhook", () => {
		expect(field('requestOptions')).toMatchObject({ type: 'collection', isNodeSetting: true });
		expect((field('requestOptions').options as INodeProperties[]).map(({ name }) => name)).toEqual([
			'batching',
			'allowUnauthorizedCerts',
			'proxy',
			'timeout',
		]);
	});

	it('starts with Batching on, one item a millisecond apart, so that a big run can send while n8n prepares its later items', () => {
		expect(field('requestOptions').default).toEqual({ batching: { batch: { batchSize: 1, batchInterval: 1 } } });
		// A saved workflow that never set Request Options runs with them, as n8n fills in defaults
		const parameters = NodeHelpers.getNodeParameters(description.properties, { resource: 'message', operation: 'sendText' }, true, false, null, description);
		expect(parameters?.requestOptions).toEqual({ batching: { batch: { batchSize: 1, batchInterval: 1 } } });
	});

	it('offers the four attachment types', () => {
		expect((field('attachmentType').options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'audio',
			'file',
			'image',
			'video',
		]);
	});

	it('states the limits and shows a URL placeholder', () => {
		expect(field('replies').typeOptions).toMatchObject({ multipleValues: true });
		// once above the rows (a hint on the field would repeat under every row)
		expect(field('repliesLimits')).toMatchObject({
			type: 'notice',
			displayName:
				'Up to 10 replies, each at most 20 characters (a plain emoji counts as one). One row can also hold the whole list: a JSON array such as ["Yes","No"], or one reply per line.',
		});
		expect(field('replies').hint).toBeUndefined();
		expect(field('replies').description).toMatch(/at most 10, each up to 20 characters/);
		expect(field('url').placeholder).toMatch(/^https:\/\//);
	});

	it('has the Force Cancel Survey option, off by default, and Send Once Key with its memory bounds', () => {
		expect(sendOptions?.options).toEqual([
			expect.objectContaining({ name: 'forceCancelSurvey', type: 'boolean', default: false }),
			expect.objectContaining({ name: 'sendOnceKeyDays', type: 'number', default: 30 }),
			expect.objectContaining({ name: 'sendOnceKeyHistorySize', type: 'number', default: 10_000 }),
			expect.objectContaining({ name: 'sendOnceKey', type: 'string', default: '' }),
		]);
	});

	it("says where the Send Once Key is set what it holds in queue mode, and where the docs say more", () => {
		const sendOnceKey = sendOptions?.options?.find((option) => option.name === 'sendOnceKey') as INodeProperties | undefined;
		expect(sendOnceKey?.hint).toMatch(/^Queue mode: a repeat is skipped only on the worker that sent the key/);
		expect(sendOnceKey?.hint).toContain('docs/sending-once.md#queue-mode');
	});
});

describe('Send and Wait for Response (the names of n8n\'s own send-and-wait nodes, which n8n\'s Human review looks for)', () => {
	const sendAndWaitFields = description.properties.filter(({ displayOptions }) => displayOptions?.show?.operation?.includes('sendAndWait'));
	const named = (name: string) => sendAndWaitFields.filter((property) => property.name === name);

	it('is the operation sendAndWait on the message resource, with its action', () => {
		expect(field('operation').displayOptions).toEqual({ show: { resource: ['message'] } });
		expect(field('operation').options).toContainEqual(
			expect.objectContaining({ name: 'Send and Wait for Response', value: 'sendAndWait', action: 'Send message and wait for response' }),
		);
	});

	it("has n8n's waiting webhooks: GET and POST on the node's ID, restarting the execution", () => {
		expect(description.webhooks).toEqual(
			['GET', 'POST'].map((httpMethod) =>
				expect.objectContaining({ name: 'default', httpMethod, path: '={{ $nodeId }}', restartWebhook: true, isFullPath: true }),
			),
		);
		const node = new ChatCentral();
		expect(typeof node.webhook).toBe('function');
		expect(typeof node.customOperations.message.sendAndWait).toBe('function');
	});

	it('has message, responseType and approvalOptions as n8n names them, and says it uses the first item', () => {
		expect(named('message')[0]).toMatchObject({ type: 'string', required: true });
		expect((named('responseType')[0].options as INodePropertyOptions[]).map(({ value }) => value)).toEqual(['approval', 'freeText']);
		expect(named('responseType')[0].default).toBe('approval');
		expect(named('approvalOptions')[0]).toMatchObject({ type: 'fixedCollection', displayOptions: { show: { responseType: ['approval'] } } });
		expect(named('sendAndWaitNotice')[0]).toMatchObject({ type: 'notice', displayName: expect.stringContaining('first input item') });
	});

	it('has Limit Wait Time and Force Cancel Survey for both response types, and the form options for free text', () => {
		const optionNames = (responseType: string) =>
			(named('options').find((options) => options.displayOptions?.show?.responseType?.includes(responseType))?.options as INodeProperties[]).map(
				({ name }) => name,
			);
		expect(optionNames('approval')).toEqual(['limitWaitTime', 'forceCancelSurvey']);
		expect(optionNames('freeText')).toEqual([
			'messageButtonLabel',
			'responseFormTitle',
			'responseFormDescription',
			'responseFormButtonLabel',
			'limitWaitTime',
			'forceCancelSurvey',
		]);
	});
});

describe("the tool's Description (what an AI Agent's model is told)", () => {
	const parametersOf = (name: string, operation: string): INodeParameters =>
		NodeHelpers.getNodeParameters(
			description.properties,
			{ resource: 'message', operation },
			true,
			false,
			null,
			{ ...description, name },
		) ?? {};

	it.each(['sendText', 'sendQuickReply', 'sendAttachment'])(
		'%s: shown only on the Tool twin n8n makes, with a default for the operation',
		(operation) => {
			expect(parametersOf('chatCentral', operation)).not.toHaveProperty('toolDescription');
			const { toolDescription } = parametersOf('chatCentralTool', operation);
			expect(toolDescription).toEqual(expect.stringContaining("Contact ID: the contact's ChatCentral ID"));
			const others = ['sendText', 'sendQuickReply', 'sendAttachment'].filter((other) => other !== operation);
			for (const other of others) expect(parametersOf('chatCentralTool', other).toolDescription).not.toBe(toolDescription);
		},
	);
});

describe('ChatCentral API credential', () => {
	const credential = new ChatCentralApi();

	it('is chatCentralApi with the token, base URL, Viber switch and rate share', () => {
		expect(credential.name).toBe('chatCentralApi');
		expect(credential.displayName).toBe('ChatCentral API');
		expect(credential.properties.map(({ name, type, default: value }) => [name, type, value])).toEqual([
			['token', 'string', ''],
			['baseUrl', 'string', 'https://chatcentral.orade.com/api'],
			['viberChannel', 'boolean', false],
			['maxRequestsPerSecond', 'number', 25],
		]);
		expect(credential.properties[0]).toMatchObject({ required: true, typeOptions: { password: true } });
		expect(credential.properties[3].typeOptions).toMatchObject({ minValue: 1, maxValue: 25 });
	});

	it('authenticates with a Bearer header: the token without the spaces or line break pasted around it, other headers kept', async () => {
		const authenticate = credential.authenticate as (
			credentials: ICredentialDataDecryptedObject,
			requestOptions: IHttpRequestOptions,
		) => Promise<IHttpRequestOptions>;
		const request: IHttpRequestOptions = { url: '/v1/message/sendContent/c-1', headers: { 'Content-Type': 'application/json' } };
		await expect(authenticate({ token: ' tok-1\n' }, request)).resolves.toMatchObject({
			url: '/v1/message/sendContent/c-1',
			headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok-1' },
		});
		expect(request.headers).toEqual({ 'Content-Type': 'application/json' });
	});

	it('tests the token with a request that cannot deliver a message', () => {
		expect(credential.test.request).toMatchObject({ method: 'POST', body: { body: [] } });
	});
});
