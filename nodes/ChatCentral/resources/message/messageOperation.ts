import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { confirmedAnswer } from '../../delivery/confirmedAnswer';
import type { MessageElement } from './messagePayload';
import { prepareMessage } from './prepareMessage';

/** One operation of the message resource, as its module declares it. */
export interface MessageOperationModule {
	/** The operation's entry in the Operation list: name, value, action, description. */
	option: Omit<INodePropertyOptions, 'routing'> & { value: string; action: string };
	/** The fields only this operation shows, without displayOptions. */
	fields: INodeProperties[];
	/** Reads and checks this operation's fields (throwing InvalidFieldError) into its message element. */
	buildElement: (context: IExecuteSingleFunctions) => MessageElement;
}

export interface MessageOperation {
	option: INodePropertyOptions;
	fields: INodeProperties[];
}

/**
 * The operation as the node description takes it: its fields shown for it alone, and its
 * routing: the preSend checks the item and builds the request, `paginate` hands the request
 * to the node's request operation (sendMessage), which makes it, and the postReceive checks
 * ChatCentral's answer.
 */
export function messageOperation({ option, fields, buildElement }: MessageOperationModule): MessageOperation {
	async function preSend(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return await prepareMessage(this, requestOptions, buildElement);
	}
	return {
		option: {
			...option,
			routing: {
				request: { method: 'POST' },
				send: { preSend: [preSend], paginate: true },
				output: { postReceive: [confirmedAnswer] },
			},
		},
		fields: fields.map((field) => ({
			...field,
			displayOptions: { show: { resource: ['message'], operation: [option.value] } },
		})),
	};
}
