import { getAdditionalKeys } from 'n8n-core';
import {
	ICredentialsHelper,
	UnexpectedError,
	Workflow,
	deepCopy,
	isExpression,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { credentialDataWithDefaults } from './credentialDataWithDefaults';
import { InMemoryNodeTypes } from './inMemoryNodeTypes';

/** Outside a node run (a credential test), n8n resolves credential data against a bare node. */
const credentialResolutionNode: INode = {
	id: '',
	name: '',
	type: 'mock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * The host application's side of credentials, done as n8n's CLI CredentialsHelper does it,
 * for one credential type whose stored data lives in memory instead of the database.
 */
export class InMemoryCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialType: ICredentialType,
		private readonly storedData: ICredentialDataDecryptedObject,
	) {
		super();
		if (credentialType.extends?.length) {
			throw new UnexpectedError(
				`Credential type "${credentialType.name}" extends ${credentialType.extends.join(', ')}: ` +
					'the harness supports no inherited (e.g. OAuth) credentials',
			);
		}
	}

	getParentTypes(typeName: string): string[] {
		return this.credentialTypeNamed(typeName).extends ?? [];
	}

	isCredentialUsableByNode(credentialTypeName: string, nodeTypeName: string): boolean {
		const { restrictToSupportedNodes, supportedNodes } =
			this.credentialTypeNamed(credentialTypeName);
		return !restrictToSupportedNodes || (supportedNodes ?? []).includes(nodeTypeName);
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		return this.credentialTypeNamed(typeName).properties;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		typeName: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const storedData = deepCopy(this.storedData);
		if (raw === true) return storedData;

		const data = credentialDataWithDefaults(this.credentialTypeNamed(typeName), storedData);
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			return workflow.expression.getParameterValue(
				data as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		}

		const workflow = new Workflow({
			nodes: [],
			connections: {},
			active: false,
			nodeTypes: new InMemoryNodeTypes([]),
		});
		return workflow.expression.getComplexParameterValue(
			credentialResolutionNode,
			data as INodeParameters,
			mode,
			additionalKeys,
			undefined,
			undefined,
			data,
		) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialTypeNamed(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type !== 'generic') {
			return requestOptions as IHttpRequestOptions;
		}
		if (!workflow || !node) {
			throw new UnexpectedError(
				'Workflow and node are required for declarative credential authentication',
			);
		}

		const resolve = (value: string) => {
			if (!isExpression(value)) return value;
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved ? resolved.toString() : '';
		};
		requestOptions.headers ??= {};
		const optionGroups = requestOptions as unknown as Record<string, Record<string, string>>;
		for (const [groupName, values] of Object.entries(authenticate.properties)) {
			if (!optionGroups[groupName]) optionGroups[groupName] = {};
			for (const [key, value] of Object.entries(values as Record<string, string>)) {
				optionGroups[groupName][resolve(key)] = resolve(value);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		_helpers: unknown,
		_credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<undefined> {
		const { properties, preAuthentication } = this.credentialTypeNamed(typeName);
		const hasExpirableProperty = properties.some(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (hasExpirableProperty && preAuthentication) {
			throw new UnexpectedError(
				`Credential type "${typeName}" needs preAuthentication, which the harness does not run`,
			);
		}
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		throw new UnexpectedError('The harness does not run preAuthentication');
	}

	async getCredentials(): Promise<ICredentials> {
		throw new UnexpectedError('The harness keeps no credentials entities');
	}

	async updateCredentials(): Promise<void> {
		throw new UnexpectedError('The harness keeps no credentials entities');
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new UnexpectedError('The harness supports no OAuth credentials');
	}

	private credentialTypeNamed(typeName: string): ICredentialType {
		if (typeName !== this.credentialType.name) {
			throw new UnexpectedError(
				`The harness knows credential type "${this.credentialType.name}", not "${typeName}"`,
			);
		}
		return this.credentialType;
	}
}
