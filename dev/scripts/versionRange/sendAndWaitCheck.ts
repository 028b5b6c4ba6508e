// Send and Wait for Response in one n8n release, for dev/scripts/n8nVersionRange.ts: the example
// confirm-appointment from its production webhook, then its Confirm (or Cancel) link followed as a
// person's browser would; what went wrong, as plain strings.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import type { Sandbox } from '../../sandbox/server';
import { newestExecution } from '../../../test/e2e/e2eSuite';
import { callWebhook, EXAMPLES_DIR, webhookPathsOf, type N8nServer } from '../../../test/e2e/realN8n';
import { acceptedMessages, followLink, lastSendAndWaitMessage } from '../../../test/e2e/sendAndWaitMessage';

export const CONFIRM_EXAMPLE = join(EXAMPLES_DIR, 'confirm-appointment.json');

/** What the example sends after the answer (its If node's two branches). */
const FOLLOW_UP = {
	approve: { approved: true, page: 'Approved', text: (name: string) => `Thanks ${name}, your appointment on Friday 10:00 is confirmed. See you then!` },
	decline: { approved: false, page: 'Declined', text: (name: string) => `No problem, ${name}: we will call you to find another time.` },
};

/** Asks through confirm-appointment and answers `answer` through the signed link; returns what went wrong (empty: it worked). */
export async function sendAndWaitProblems(server: N8nServer, sandbox: Sandbox, answer: keyof typeof FOLLOW_UP): Promise<string[]> {
	const { id: workflowId } = JSON.parse(readFileSync(CONFIRM_EXAMPLE, 'utf8')) as { id: string };
	const [path] = webhookPathsOf(CONFIRM_EXAMPLE);
	const expected = FOLLOW_UP[answer];
	const name = answer === 'approve' ? 'Ana' : 'Bea';
	sandbox.reset();
	const called = await callWebhook(server, path, { contactId: `range-${answer}`, name, date: 'Friday 10:00' });
	if (called.status !== 200) return [`webhook answered ${called.status}: ${JSON.stringify(called.body).slice(0, 200)}`];
	await acceptedMessages(sandbox, 1);
	const waiting = await newestExecution(server, workflowId, ({ status }) => status !== 'new' && status !== 'running', 60_000);
	if (waiting.status !== 'waiting') return [`the execution ended ${waiting.status} instead of waiting for the answer`];
	const message = lastSendAndWaitMessage(sandbox);
	const link = message.links[answer === 'approve' ? 0 : 1];
	if (message.links.length !== 2 || link === undefined) return [`the message has ${message.links.length} links, not 2: ${JSON.stringify(message.links)}`];
	if (!/[?&]signature=[0-9a-f]{64}/.test(link.url)) return [`the link is not signed: ${link.url}`];

	const problems: string[] = [];
	const page = await followLink(link.url);
	if (page.status !== 200 || !page.html.includes(expected.page)) problems.push(`the ${answer} link answered ${page.status}: ${page.html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200)}`);
	const done = await newestExecution(server, workflowId, ({ id, status }) => id === waiting.id && status !== 'waiting' && status !== 'running', 60_000).catch(
		(error: unknown) => String(error),
	);
	if (typeof done === 'string') return [...problems, done];
	if (done.status !== 'success') problems.push(`the execution ended ${done.status}`);
	if (!isDeepStrictEqual(done.outputs['Ask to Confirm'], [[{ data: { approved: expected.approved } }]])) {
		problems.push(`Ask to Confirm output ${JSON.stringify(done.outputs['Ask to Confirm'])}`);
	}
	const texts = (await acceptedMessages(sandbox, 2).catch(() => sandbox.accepted())).map(({ payload }) => payload.body[0]);
	if (!isDeepStrictEqual(texts.slice(1), [{ type: 'text', text: expected.text(name) }])) problems.push(`after the answer the sandbox got ${JSON.stringify(texts.slice(1))}`);
	return problems;
}
