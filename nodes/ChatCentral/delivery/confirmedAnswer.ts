import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { apiAnswerError } from '../errors/ApiAnswerError';

/**
 * ChatCentral's answer as the item's output. Any other answer than a 2xx with status
 * "Success" fails the item with the API's own message and what to do about it.
 */
export function confirmedAnswer(context: IExecuteSingleFunctions, response: IN8nHttpFullResponse): INodeExecutionData[] {
	const error = apiAnswerError(context, response);
	if (error !== undefined) throw error;
	return [{ json: response.body as IDataObject, pairedItem: { item: context.getItemIndex() } }];
}
