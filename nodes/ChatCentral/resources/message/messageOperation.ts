import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { MessageElement } from './messagePayload';
import { prepareMessage } from './prepareMessage';

/** One operation of the message resource, as its module declares it. */
export interface MessageOperationModule {
	/** The operation's entry in the Operation list: name, value, action, description. */
	option: Omit<INodePropertyOptions, 'routing'> & { value: string; action: string };
	/** The fields only this operation shows, without displayOptions. */
	fields: INodeProperties[];
	/**
	 * What the operation does and the limits of its own fields, for the model of an AI Agent
	 * that has the node as its tool (the start of the tool's default description).
	 */
	toolDescription: string;
	/** Reads and checks this operation's fields (throwing InvalidFieldError) into its message element. */
	buildElement: (context: IExecuteSingleFunctions) => MessageElement;
}

export interface MessageOperation {
	option: INodePropertyOptions;
	fields: INodeProperties[];
	/** The tool's Description field for this operation (shown only when the node is an AI Agent's tool). */
	toolDescriptionField: INodeProperties;
}

/** What every operation's tool description ends with: the Contact ID, one send per call, and the answers. */
const TOOL_DESCRIPTION_END =
	'Contact ID: the contact\'s ChatCentral ID, exactly as given. Each call sends one message; it answers with status "Success" once ChatCentral accepted it. A refused call sends nothing and says which field to change and how.';

/**
 * The Description n8n gives the model for the node as a tool. n8n puts only this description and
 * the `$fromAI` keys (with their own descriptions, empty unless the user writes one) in the tool
 * schema, never the fields' descriptions: so the limits of the fields are spelled out here. A node
 * with its own toolDescription field gets no "Set Automatically" one from n8n.
 */
export function toolDescriptionField(value: string, toolDescription: string): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		required: true,
		typeOptions: { rows: 6 },
		default: `${toolDescription} ${TOOL_DESCRIPTION_END}`,
		description:
			'What the AI Agent\'s model is told about this tool: what it does and the limits of its fields, which the model otherwise learns only from a refusal',
		displayOptions: { show: { resource: ['message'], operation: [value], '@tool': [true] } },
	};
}

/**
 * The operation as the node description takes it: its fields shown for it alone, and its
 * routing: the preSend checks the item and builds the request, `paginate` hands the request
 * to the node's request operation (sendMessage), which makes it and checks ChatCentral's answer
 * (routedRequest).
 */
export function messageOperation({ option, fields, toolDescription, buildElement }: MessageOperationModule): MessageOperation {
	async function preSend(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return await prepareMessage(this, requestOptions, buildElement);
	}
	return {
		option: {
			...option,
			routing: {
				request: { method: 'POST' },
				send: { preSend: [preSend], paginate: true },
			},
		},
		fields: fields.map((field) => ({
			...field,
			displayOptions: { show: { resource: ['message'], operation: [option.value] } },
		})),
		toolDescriptionField: toolDescriptionField(option.value, toolDescription),
	};
}
