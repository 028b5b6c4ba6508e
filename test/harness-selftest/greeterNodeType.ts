import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeType,
	JsonObject,
} from 'n8n-workflow';

import { GREETER_CREDENTIAL_TYPE } from './greeterCredentialType';

export const REJECTED_NAME = 'nobody';

async function rejectNobody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('name') === REJECTED_NAME) {
		throw new NodeOperationError(this.getNode(), 'Cannot greet nobody', {
			itemIndex: this.getItemIndex(),
		});
	}
	return requestOptions;
}

async function throwOnHttpError(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw new NodeApiError(this.getNode(), response.body as JsonObject, {
			httpCode: String(response.statusCode),
			itemIndex: this.getItemIndex(),
		});
	}
	return items;
}

/** A tiny declarative node: POST /greet/<name> with the name in the body. */
export function createGreeterNodeType(): INodeType {
	return {
		description: {
			displayName: 'Greeter',
			name: 'greeter',
			group: ['transform'],
			version: 1,
			description: 'Greets people through the fixture API',
			defaults: { name: 'Greeter' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: GREETER_CREDENTIAL_TYPE, required: true }],
			requestDefaults: {
				baseURL: '={{ $credentials.baseUrl }}',
				headers: { Accept: 'application/json' },
				ignoreHttpStatusErrors: true,
			},
			properties: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					routing: {
						request: { method: 'POST', url: '=/greet/{{ $value }}' },
						send: { type: 'body', property: 'name', preSend: [rejectNobody] },
						output: { postReceive: [throwOnHttpError] },
					},
				},
			],
		},
	};
}
