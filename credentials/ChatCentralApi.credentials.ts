import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { HOSTED_BASE_URL } from '../nodes/ChatCentral/hostedBaseUrl';

export class ChatCentralApi implements ICredentialType {
	name = 'chatCentralApi';

	displayName = 'ChatCentral API';

	icon: Icon = {
		light: 'file:../nodes/ChatCentral/chatCentral.svg',
		dark: 'file:../nodes/ChatCentral/chatCentral.dark.svg',
	};

	documentationUrl = 'https://github.com/chatcentral/n8n-nodes-chatcentral#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Channel Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The API token of the channel to send from. In ChatCentral: Settings → Channels → the key (API) icon of the channel.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: HOSTED_BASE_URL,
			description:
				'Change only for a regional or self-hosted ChatCentral, or a local sandbox. Ends in /api.',
		},
		{
			displayName: 'Viber Channel',
			name: 'viberChannel',
			type: 'boolean',
			default: false,
			description:
				'Whether the token belongs to a Viber channel. Viber channels need contact IDs Base64-encoded; the node then does it for you.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 25, numberPrecision: 0 },
			default: 25,
			description:
				'ChatCentral takes 25 requests per second per channel token, and the node paces itself to that. Several n8n workers (queue mode) on one token share it by themselves; lower this only for a fixed split with no refusals, e.g. 12 each for two workers, or when many send at once and each must get its part: 25 divided by the senders, rounded up (3 for ten).',
		},
	];

	// A function, not n8n's generic `{{ $credentials.token }}` header: n8n 2.x resolves every
	// expression in an isolate, about a millisecond each, and this one would be resolved for every
	// message sent.
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.token).trim()}` },
	});

	// The API has no read-only endpoint. A send with an empty `body` can never deliver a
	// message (exactly one element is required), so it is a safe probe: 401 means the
	// token is wrong, any ChatCentral answer otherwise means it was accepted.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/message/sendContent/credential-check',
			method: 'POST',
			body: { body: [] },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'API Token is invalid.',
					message: 'API Token is invalid.',
				},
			},
			{
				// Every ChatCentral answer carries `status`; a body without it comes from
				// something else at the Base URL (a web page, another API).
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: undefined,
					message: `The Base URL did not answer like the ChatCentral API. Check it: the hosted service is ${HOSTED_BASE_URL}`,
				},
			},
		],
	};
}
