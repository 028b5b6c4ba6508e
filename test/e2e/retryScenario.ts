// n8n's Retry of an execution that failed part-way, as the owner clicks it: the fixture
// workflow, an execution of it that fails after 29 of its 30 messages were accepted, and the
// retry through n8n's REST API. Used by test/e2e/sendOnce.e2e.ts and test/queue.

import { join } from 'node:path';

import type { Sandbox } from '../../dev/sandbox/server';
import { newestExecution } from './e2eSuite';
import { callWebhook, REPO_ROOT, type ExecutionSummary, type N8nServer } from './realN8n';

/** Webhook → Code (30 contacts `<batch>-01` … `<batch>-30`) → ChatCentral Send Text, On Error: Stop. */
export const RETRY_WORKFLOW = {
	file: join(REPO_ROOT, 'dev', 'e2e', 'fixtures', 'retry-workflow.json'),
	id: 'ccE2eRetry000001',
	path: 'chatcentral-e2e-retry',
	contacts: 30,
};

/** How many messages the sandbox accepted for each contact whose ID starts with `prefix`. */
export function messagesPerContact(sandbox: Sandbox, prefix: string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const { contactId } of sandbox.accepted()) if (contactId.startsWith(prefix)) counts[contactId] = (counts[contactId] ?? 0) + 1;
	return counts;
}

/** Runs the fixture for `batch` with the sandbox answering its first message 500: the execution fails (On Error: Stop). */
export async function failedExecution(server: N8nServer, sandbox: Sandbox, batch: string): Promise<ExecutionSummary> {
	sandbox.injectAnswer({ status: 500, message: 'Internal error' }, 1);
	await callWebhook(server, RETRY_WORKFLOW.path, { batch });
	return await newestExecution(
		server,
		RETRY_WORKFLOW.id,
		(execution) => execution.status === 'error' && execution.outputs['30 Contacts']?.[0]?.[0]?.contactId === `${batch}-01`,
		60_000,
	);
}

/**
 * n8n's Retry of execution `executionId` as the editor's buttons call it: `loadWorkflow` false is
 * "Retry with original workflow", true "Retry with currently saved workflow". Resolves with the
 * retry once it has ended.
 */
export async function retryExecution(server: N8nServer, executionId: string, loadWorkflow: boolean): Promise<ExecutionSummary> {
	const retry = await server.postRest<{ id: string | number }>(`/rest/executions/${executionId}/retry`, { loadWorkflow });
	return await newestExecution(server, RETRY_WORKFLOW.id, ({ id, status }) => id === String(retry.id) && !['new', 'running'].includes(status), 60_000);
}

/**
 * What is wrong after `retried` (a retry of `failed`), empty when all is well: the retry
 * succeeded, each of the batch's contacts has exactly one message, and the retry's output says
 * which items the failed try had sent (skipped, naming the failed execution) and sends the one it
 * had not, once. Plain strings, for the version-range script as well as the e2e tests.
 */
export function eachContactOnceProblems(sandbox: Sandbox, batch: string, failed: ExecutionSummary, retried: ExecutionSummary): string[] {
	const problems: string[] = [];
	const perContact = messagesPerContact(sandbox, batch);
	const contacts = RETRY_WORKFLOW.contacts;
	if (retried.status !== 'success') problems.push(`the retry ended ${retried.status}`);
	const twice = Object.entries(perContact).filter(([, count]) => count !== 1);
	if (Object.keys(perContact).length !== contacts) problems.push(`${Object.keys(perContact).length} of ${contacts} contacts got a message`);
	if (twice.length > 0) problems.push(`${twice.length} contacts got more than one message (${twice.map(([contactId, count]) => `${contactId}: ${count}`).join(', ')})`);
	const output = retried.outputs.ChatCentral?.[0] ?? [];
	if (output.length !== contacts) problems.push(`the retry's output has ${output.length} items, not ${contacts}`);
	const skipped = output.filter((item) => item.alreadySent === true);
	if (skipped.length !== contacts - 1) problems.push(`the retry skipped ${skipped.length} items as already sent, not ${contacts - 1}`);
	const unnamed = skipped.filter((item) => item.status !== 'Skipped' || item.messageType !== 'text' || item.sentByExecution !== failed.id);
	if (unnamed.length > 0) problems.push(`${unnamed.length} skipped items do not say Skipped, text, sent by execution ${failed.id}`);
	// The one the failed try did not send goes out now, once
	const notSentBefore = Object.keys(perContact).find((contactId) => !skipped.some((item) => item.contactId === contactId));
	const sentNow = output.filter((item) => item.status === 'Success');
	if (sentNow.length !== 1 || sentNow[0].contactId !== notSentBefore) problems.push(`the retry sent ${JSON.stringify(sentNow.map((item) => item.contactId))}, expected ["${notSentBefore}"]`);
	return problems;
}

/** Asserts eachContactOnceProblems finds nothing wrong. */
export function expectEachContactOnce(sandbox: Sandbox, batch: string, failed: ExecutionSummary, retried: ExecutionSummary): void {
	expect(eachContactOnceProblems(sandbox, batch, failed, retried)).toEqual([]);
}
