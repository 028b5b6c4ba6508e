import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { credentialOfRun } from '../credentialOfRun';
import { confirmedAnswer } from './confirmedAnswer';

/**
 * The item's request as n8n's routing built it (Base URL, Request Options, the credential's
 * allowed domains), made with the credential's token, and ChatCentral's answer as the item's
 * output (confirmedAnswer). n8n's own makeRoutingRequest would make the same request but read
 * the credential from its database and decrypt it again for every request (about 1–2 ms of CPU
 * each in n8n 2.x, a query to PostgreSQL in queue mode); the node reads it once per run
 * (credentialOfRun), as n8n's routing does for the Base URL.
 */
export async function routedRequest(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const data = await credentialOfRun(context);
	// The preSend set its url (prepareMessage)
	const requestOptions = requestData.options as IHttpRequestOptions;
	requestOptions.returnFullResponse = true;
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, 'chatCentralApi', requestOptions, {
		credentialsDecrypted: { id: '', name: '', type: 'chatCentralApi', data },
	})) as IN8nHttpFullResponse;
	return confirmedAnswer(context, response);
}
