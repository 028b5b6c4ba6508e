import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	NodeConnectionTypes,
	UnexpectedError,
	Workflow,
	createRunExecutionData,
} from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	ICredentialTestRequest,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { InMemoryCredentialsHelper } from './inMemoryCredentialsHelper';
import { InMemoryNodeTypes } from './inMemoryNodeTypes';
import type { NodeUnderTest } from './nodeUnderTest';

interface CredentialTestPlan {
	testRequest: ICredentialTestRequest;
	/** n8n sends the test request as the NoOp node, or as the node that declares the test. */
	hostDescription: INodeTypeDescription;
}

const noOpDescription: INodeTypeDescription = {
	displayName: 'No Operation, do nothing',
	name: 'n8n-nodes-base.noOp',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: [],
};

function findTestPlan({
	nodeType,
	credentialType,
}: NodeUnderTest): CredentialTestPlan | undefined {
	if (credentialType.test) {
		return { testRequest: credentialType.test, hostDescription: noOpDescription };
	}
	const testedBy = nodeType.description.credentials?.find(
		(credential) => credential.name === credentialType.name,
	)?.testedBy;
	if (testedBy === undefined) return undefined;
	if (typeof testedBy === 'string') {
		throw new UnexpectedError(
			`The harness runs test requests, not credential test functions (node method "${testedBy}")`,
		);
	}
	return { testRequest: testedBy, hostDescription: nodeType.description };
}

function latestVersion({ version }: INodeTypeDescription): number {
	return Array.isArray(version) ? version[version.length - 1] : version;
}

function valueAtPath(value: unknown, path: string): unknown {
	return path
		.replace(/\[(\w+)\]/g, '.$1')
		.split('.')
		.reduce<unknown>(
			(current, key) =>
				current === null || current === undefined
					? undefined
					: (current as Record<string, unknown>)[key],
			value,
		);
}

interface HttpErrorCause {
	response?: { status: number; statusText?: string };
	code?: string;
}

function failedTestResult(
	error: Error & { cause?: HttpErrorCause },
	testRequest: ICredentialTestRequest,
): INodeCredentialTestResult {
	const response = error.cause?.response;
	if (response) {
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === response.status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (response.status < 199 || response.status > 299) {
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: error.cause.code };
	}
	return { status: 'Error', message: error.message.toString() };
}

function succeededTestResult(
	response: INodeExecutionData[][] | undefined,
	testRequest: ICredentialTestRequest,
): INodeCredentialTestResult {
	for (const rule of testRequest.rules ?? []) {
		if (
			rule.type === 'responseSuccessBody' &&
			valueAtPath(response?.[0][0].json, rule.properties.key) === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** What n8n does when the user tests or saves a credential whose test is an HTTP request. */
export async function testCredential(
	nodeUnderTest: NodeUnderTest,
): Promise<INodeCredentialTestResult> {
	const { credentialType, credentials } = nodeUnderTest;
	const plan = findTestPlan(nodeUnderTest);
	if (plan === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsHelper = new InMemoryCredentialsHelper(credentialType, credentials);
	const additionalData = createAdditionalData(credentialsHelper);
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'harness-credential',
		name: credentialType.displayName,
		type: credentialType.name,
		data: credentials,
	};
	try {
		credentialsDecrypted.data = await credentialsHelper.getDecrypted(
			additionalData,
			{ id: credentialsDecrypted.id, name: credentialsDecrypted.name },
			credentialType.name,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message.toString() };
	}

	const testNodeType: INodeType = {
		description: {
			...plan.hostDescription,
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: plan.testRequest.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: testNodeType.description.name,
		typeVersion: latestVersion(testNodeType.description),
		position: [0, 0],
		parameters: {},
		credentials: {
			[credentialType.name]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new InMemoryNodeTypes([testNodeType]),
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ [NodeConnectionTypes.Main]: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	let response: INodeExecutionData[][] | undefined;
	try {
		response = await new RoutingNode(context, testNodeType, credentialsDecrypted).runNode();
	} catch (error) {
		return failedTestResult(error as Error & { cause?: HttpErrorCause }, plan.testRequest);
	}
	return succeededTestResult(response, plan.testRequest);
}
