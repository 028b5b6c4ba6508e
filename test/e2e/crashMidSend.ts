// n8n killed in the middle of a send (out of memory, a forced redeploy), as a user meets it: an
// event naming N contacts posted to a workflow whose ChatCentral node has a Send Once Key, n8n's
// process group killed (SIGKILL) once `killAfter` messages were accepted, n8n started again on the
// same user folder and database, then n8n's Retry of the killed execution or the same event
// posted again; what each contact received in the end. Used by dev/scripts/crashMidSend.ts (the
// figures) and test/e2e/crashMidSend.e2e.ts.

import { join } from 'node:path';

import type { Sandbox, SandboxRequest } from '../../dev/sandbox/server';
import { newestExecution } from './e2eSuite';
import { callWebhook, EXAMPLES_DIR, type N8nServer } from './realN8n';
import { messagesPerContact } from './retryScenario';

/** A workflow that sends one text per contact of a posted event, with a Send Once Key. */
export interface KeyedSendWorkflow {
	label: string;
	/** The files to import (a sub-workflow before the workflow that calls it). */
	files: string[];
	/** The workflow the webhook starts (the one n8n's Retry is asked for). */
	workflowId: string;
	webhookPath: string;
	/** The webhook's body: the event `eventId` for these contacts. */
	body(eventId: string, contactIds: string[]): Record<string, unknown>;
}

/** examples/send-once-key.json: every message in one execution, its keys saved when it ends. */
export const ONE_EXECUTION: KeyedSendWorkflow = {
	label: 'one execution (send-once-key.json)',
	files: [join(EXAMPLES_DIR, 'send-once-key.json')],
	workflowId: 'ccExampleOnceKey',
	webhookPath: 'chatcentral-send-once',
	body: (eventId, contactIds) => ({ eventId, orderId: 'A-9001', contacts: contactIds.map((contactId) => ({ contactId, name: 'Kim' })) }),
};

/** examples/send-once-key-batches.json: batches of 20, each a sub-workflow execution that saves its keys when it ends. */
export const BATCHES: KeyedSendWorkflow = {
	label: 'batches of 20 as sub-workflow executions (send-once-key-batches.json)',
	files: [join(EXAMPLES_DIR, 'send-once-key-batch.json'), join(EXAMPLES_DIR, 'send-once-key-batches.json')],
	workflowId: 'ccExampleOnceBat',
	webhookPath: 'chatcentral-send-once-batches',
	body: (campaignId, contactIds) => ({
		campaignId,
		announcement: 'our spring sale starts today.',
		contacts: contactIds.map((contactId) => ({ contactId, name: 'Kim' })),
	}),
};
export const BATCH_SIZE = 20;

/** Counts the sandbox's accepted messages and fires once a count is reached: give its onRequest to startSandbox. */
export interface KillSwitch {
	onRequest(request: SandboxRequest): void;
	/** From now on, calls `fire` once `accepted` more messages were accepted. */
	arm(accepted: number, fire: () => void): void;
}

export function killSwitch(): KillSwitch {
	let accepted = 0;
	let armed: { at: number; fire: () => void } | undefined;
	return {
		onRequest: (request) => {
			if (request.status !== 200) return;
			accepted += 1;
			if (armed !== undefined && accepted >= armed.at) {
				const { fire } = armed;
				armed = undefined;
				fire();
			}
		},
		arm: (at, fire) => {
			accepted = 0;
			armed = { at, fire };
		},
	};
}

export type AfterCrash = 'retry' | 'postAgain';

export interface CrashOutcome {
	after: AfterCrash;
	contacts: number;
	/** Messages accepted when SIGKILL went out. */
	acceptedAtKill: number;
	/** Messages accepted once the requests n8n had sent before it died had arrived. */
	acceptedBeforeRestart: number;
	/** The killed execution as n8n shows it after the restart. */
	killed: { id: string; status: string };
	/** The retry (its execution and status) or the repeated posting (its HTTP status), and how long it took. */
	followUp: { execution?: string; status: string; ms: number };
	/** Messages accepted in all, for the N contacts. */
	total: number;
	/** Contacts that got the message twice (or more: counted once per extra message). */
	sentAgain: number;
	/** Contacts that got no message. */
	lost: number;
}

const TERMINAL = (status: string): boolean => !['new', 'running', 'waiting'].includes(status);
const sleep = async (ms: number): Promise<void> => await new Promise((done) => setTimeout(done, ms));

export interface CrashOptions {
	server: N8nServer;
	sandbox: Sandbox;
	kill: KillSwitch;
	workflow: KeyedSendWorkflow;
	/** Also the contacts' prefix: `<eventId>-001` … */
	eventId: string;
	contacts: number;
	killAfter: number;
	after: AfterCrash;
	/** Time for requests n8n sent before it died to reach the sandbox: at least twice its one-way delay. */
	settleMs: number;
	log: (line: string) => void;
}

/** Posts the event, kills n8n after `killAfter` accepted messages, restarts it, retries or posts again; what the contacts got. */
export async function crashMidSend(options: CrashOptions): Promise<CrashOutcome> {
	const { server, sandbox, workflow, eventId, after, log } = options;
	const contactIds = Array.from({ length: options.contacts }, (_, index) => `${eventId}-${String(index + 1).padStart(3, '0')}`);
	const body = workflow.body(eventId, contactIds);
	sandbox.reset();
	let acceptedAtKill = 0;
	const killed = new Promise<void>((done) => {
		options.kill.arm(options.killAfter, () => {
			acceptedAtKill = sandbox.accepted().length;
			// SIGKILL goes out now, synchronously; the promise only waits for the processes to be gone
			void server.kill().then(done);
		});
	});
	const posted = await callWebhook(server, workflow.webhookPath, body).catch((error: unknown) => ({ status: 0, body: String(error) }));
	if (posted.status !== 0) throw new Error(`the send ended (HTTP ${posted.status}) before ${options.killAfter} messages were accepted: nothing was killed`);
	await killed;
	await sleep(options.settleMs);
	const acceptedBeforeRestart = sandbox.accepted().length;
	log(`${workflow.label}: n8n killed with ${acceptedAtKill} accepted (${acceptedBeforeRestart} once in flight ones arrived); restarting`);

	await server.restart();
	// Queue mode may leave it running (no recovery of a worker's execution): then as it is after a minute
	const crashed = await newestExecution(server, workflow.workflowId, ({ status }) => TERMINAL(status), 60_000).catch(
		async () => await newestExecution(server, workflow.workflowId, () => true),
	);
	log(`${workflow.label}: after the restart n8n shows execution ${crashed.id} as ${crashed.status}`);

	const started = performance.now();
	let followUp: CrashOutcome['followUp'];
	if (after === 'retry') {
		try {
			const retry = await server.postRest<{ id: string | number }>(`/rest/executions/${crashed.id}/retry`, { loadWorkflow: false });
			const retried = await newestExecution(server, workflow.workflowId, ({ id, status }) => id === String(retry.id) && TERMINAL(status), 300_000);
			followUp = { execution: retried.id, status: retried.status, ms: performance.now() - started };
		} catch (error) {
			followUp = { status: `retry refused: ${String(error).slice(0, 200)}`, ms: performance.now() - started };
		}
	} else {
		const again = await callWebhook(server, workflow.webhookPath, body);
		followUp = { status: `HTTP ${again.status}`, ms: performance.now() - started };
	}
	await sleep(options.settleMs);

	const perContact = messagesPerContact(sandbox, `${eventId}-`);
	const counts = contactIds.map((contactId) => perContact[contactId] ?? 0);
	return {
		after,
		contacts: options.contacts,
		acceptedAtKill,
		acceptedBeforeRestart,
		killed: { id: crashed.id, status: crashed.status },
		followUp,
		total: counts.reduce((sum, count) => sum + count, 0),
		sentAgain: counts.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
		lost: counts.filter((count) => count === 0).length,
	};
}
