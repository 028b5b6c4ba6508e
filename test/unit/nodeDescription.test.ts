import { NodeHelpers } from 'n8n-workflow';
import type { INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ChatCentralApi } from '../../credentials/ChatCentralApi.credentials';
import { ChatCentral } from '../../nodes/ChatCentral/ChatCentral.node';

const { description } = new ChatCentral();

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
		expect(names).toEqual([...names].sort());
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

	it('shows Contact ID and Options for every message operation, and each other field for its operation only', () => {
		const shownFor = (name: string) => field(name).displayOptions?.show?.operation;
		for (const shared of ['contactId', 'options']) {
			expect([shared, field(shared).displayOptions]).toEqual([shared, { show: { resource: ['message'] } }]);
		}
		for (const property of description.properties.filter(({ name }) => !['resource', 'operation', 'contactId', 'options'].includes(name))) {
			expect([property.name, property.displayOptions?.show?.resource, shownFor(property.name)?.length]).toEqual([property.name, ['message'], 1]);
		}
		expect(shownFor('text')).toEqual(['sendText']);
		expect(shownFor('attachmentType')).toEqual(['sendAttachment']);
		expect(shownFor('url')).toEqual(['sendAttachment']);
		expect(shownFor('title')).toEqual(['sendQuickReply']);
		expect(shownFor('replies')).toEqual(['sendQuickReply']);
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

	it('has the Force Cancel Survey option, off by default', () => {
		expect(field('options').options).toEqual([
			expect.objectContaining({ name: 'forceCancelSurvey', type: 'boolean', default: false }),
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

	it('authenticates with a Bearer header', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.token.trim()}}' } },
		});
	});

	it('tests the token with a request that cannot deliver a message', () => {
		expect(credential.test.request).toMatchObject({ method: 'POST', body: { body: [] } });
	});
});
