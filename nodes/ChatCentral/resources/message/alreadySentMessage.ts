import type { IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import type { NodeItem } from '../../itemContext';
import type { EarlierSender } from '../../sendOnce/sendAcrossExecutions';
import type { MessagePayload } from './messagePayload';
import { whatWasSent } from './sentMessage';

const BECAUSE: Record<EarlierSender['because'], string> = {
	earlierTryOfThisExecution: 'an earlier try of this execution sent it (or may have), so n8n\'s Retry did not send it again',
	sendOnceKey: 'a message with the same Send Once Key was sent (or may have been) before',
};

/**
 * The output of an item whose message was not sent because it already was: what it would have
 * sent, `alreadySent: true`, why, and by which execution and when if known. On the regular
 * output, paired with its input, so that the workflow goes on and can branch on it.
 */
export function alreadySentMessage(
	context: NodeItem,
	requestOptions: IHttpRequestOptions,
	payload: MessagePayload,
	sender: EarlierSender,
): INodeExecutionData[] {
	return [
		{
			json: {
				...whatWasSent(requestOptions, payload),
				status: 'Skipped',
				message: `Not sent again: ${BECAUSE[sender.because]}`,
				alreadySent: true,
				sentByExecution: sender.executionId,
				...(sender.at === undefined ? {} : { sentAt: sender.at.toISOString() }),
			},
			pairedItem: { item: context.getItemIndex() },
		},
	];
}
