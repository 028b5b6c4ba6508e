import type { ICredentialType } from 'n8n-workflow';

export const GREETER_CREDENTIAL_TYPE = 'greeterApi';
export const BAD_TOKEN_MESSAGE = 'The token is not valid';

export function createGreeterCredentialType(defaultBaseUrl: string): ICredentialType {
	return {
		name: GREETER_CREDENTIAL_TYPE,
		displayName: 'Greeter API',
		properties: [
			{
				displayName: 'Token',
				name: 'token',
				type: 'string',
				typeOptions: { password: true },
				default: '',
			},
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: defaultBaseUrl },
		],
		authenticate: {
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } },
		},
		test: {
			request: { baseURL: '={{ $credentials.baseUrl }}', url: '/me' },
			rules: [{ type: 'responseCode', properties: { value: 401, message: BAD_TOKEN_MESSAGE } }],
		},
	};
}
