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
 * After `retried` (a retry of `failed`): the retry succeeded, each of the batch's contacts has
 * exactly one message, and the retry's output says which items the failed try had sent.
 */
export function expectEachContactOnce(sandbox: Sandbox, batch: string, failed: ExecutionSummary, retried: ExecutionSummary): void {
	const perContact = messagesPerContact(sandbox, batch);
	const contacts = RETRY_WORKFLOW.contacts;
	expect(retried.status).toBe('success');
	expect(Object.keys(perContact)).toHaveLength(contacts);
	expect(Object.values(perContact)).toEqual(Array(contacts).fill(1));
	const output = retried.outputs.ChatCentral?.[0] ?? [];
	expect(output).toHaveLength(contacts);
	const skipped = output.filter((item) => item.alreadySent === true);
	expect(skipped).toHaveLength(contacts - 1);
	for (const item of skipped) expect(item).toMatchObject({ status: 'Skipped', messageType: 'text', sentByExecution: failed.id });
	// The one the failed try did not send goes out now, once
	const notSentBefore = Object.keys(perContact).find((contactId) => !skipped.some((item) => item.contactId === contactId));
	expect(output.filter((item) => item.status === 'Success')).toEqual([expect.objectContaining({ contactId: notSentBefore })]);
}
