// Never twice across executions, in real n8n (2.41.1 and 1.123.81; E2E_VERSIONS selects), one
// n8n per version for all cases:
// - n8n's Retry, through its REST API as the owner clicks it (`POST /rest/executions/:id/retry`,
//   "original workflow" loadWorkflow false and "saved workflow" true), of an execution that failed
//   (On Error: Stop) after 29 of 30 messages were accepted: each contact gets exactly one message.
// - examples/send-once-key.json: the same event posted twice, 3 s apart and at the same moment,
//   sends once per key; a key whose send got a 403 goes out when the event is posted again.

import { join } from 'node:path';

import { keyHash, STATIC_DATA_PROPERTY } from '../../nodes/ChatCentral/sendOnce/sendOnceKeyMemory';
import { e2eLog as log, packedPackage, seconds, selectedVersions } from './e2eSuite';
import { checkDeliveries, SCENARIOS, shippedEvent, shippedNotices, type Scenario } from './exampleScenarios';
import { n8nWithSandbox } from './n8nWithSandbox';
import { callWebhook, EXAMPLES_DIR } from './realN8n';
import { expectEachContactOnce, failedExecution, messagesPerContact, RETRY_WORKFLOW, retryExecution } from './retryScenario';

const versions = selectedVersions();
const tarball = packedPackage(versions);

const CONTACTS = RETRY_WORKFLOW.contacts;
const SEND_ONCE = SCENARIOS.sendOnce;

describe.each(versions)('never twice across executions in real n8n %s', (version) => {
	const { sandbox, n8n } = n8nWithSandbox({ tarball, n8n: { version, workflows: [RETRY_WORKFLOW.file, join(EXAMPLES_DIR, SEND_ONCE.file)] } });
	beforeEach(() => sandbox().reset());

	describe.each([
		{ loadWorkflow: false, button: 'original workflow' },
		{ loadWorkflow: true, button: 'saved workflow' },
	])("n8n's Retry ($button, loadWorkflow: $loadWorkflow)", ({ loadWorkflow }) => {
		test(`of an execution that failed after 29 of ${CONTACTS} messages: the retry succeeds and each contact has exactly one message`, async () => {
			const batch = `retry-${String(loadWorkflow)}`;
			const failed = await failedExecution(n8n(), sandbox(), batch);
			log(`n8n ${version}: execution ${failed.id} failed, ${Object.keys(messagesPerContact(sandbox(), batch)).length} of ${CONTACTS} accepted`);
			expect(Object.values(messagesPerContact(sandbox(), batch))).toEqual(Array(CONTACTS - 1).fill(1));

			const started = performance.now();
			const retried = await retryExecution(n8n(), failed.id, loadWorkflow);
			const perContact = messagesPerContact(sandbox(), batch);
			log(
				`n8n ${version}: retry (loadWorkflow ${String(loadWorkflow)}) of ${failed.id} → execution ${retried.id} ${retried.status} in ${seconds(performance.now() - started)}; ` +
					`messages per contact: ${Object.keys(perContact).length} contacts, ${Object.values(perContact).filter((count) => count === 1).length} with exactly 1, ` +
					`${sandbox().accepted().length} accepted in all`,
			);

			expectEachContactOnce(sandbox(), batch, failed, retried);
		});
	});

	/** Posts `body` to send-once-key.json; gives the webhook's answer: Send Shipping Notice's items. */
	const postEvent = async (body: Record<string, unknown>) => await callWebhook(n8n(), SEND_ONCE.webhookPath, body);

	const eventScenario = (eventId: string, orderId: string): Scenario => ({
		...SEND_ONCE,
		body: shippedEvent(eventId, orderId),
		deliveries: shippedNotices(orderId),
	});

	/** The sandbox received each of the event's notices exactly once. */
	const expectOncePerKey = (scenario: Scenario): void => {
		const check = checkDeliveries(scenario, sandbox().accepted());
		expect({ missing: check.missing, duplicates: check.duplicates, unexpected: check.unexpected }).toEqual({ missing: [], duplicates: 0, unexpected: [] });
		expect(check.deliveredOnce).toBe(scenario.deliveries.length);
	};

	const items = (answer: { body: unknown }): Array<Record<string, unknown>> => (Array.isArray(answer.body) ? (answer.body as Array<Record<string, unknown>>) : []);

	test('Send Once Key: the same event posted twice, 3 s apart, sends one message per key', async () => {
		const scenario = eventScenario('evt-apart', 'A-7001');
		const first = await postEvent(scenario.body);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const second = await postEvent(scenario.body);
		log(`n8n ${version}: event posted twice 3 s apart: ${sandbox().accepted().length} messages for ${scenario.deliveries.length} keys`);

		expect([first.status, second.status]).toEqual([200, 200]);
		expectOncePerKey(scenario);
		expect(items(first).map((item) => item.status)).toEqual(Array(3).fill('Success'));
		expect(items(second)).toEqual(
			scenario.deliveries.map(({ contactId }) => expect.objectContaining({ contactId, status: 'Skipped', alreadySent: true, sentAt: expect.any(String) })),
		);
		// n8n saved the keys in the workflow's static data (what another process or a restart goes by), hashed
		const { staticData } = await n8n().rest<{ staticData?: Record<string, { [STATIC_DATA_PROPERTY]?: Record<string, string> }> }>(
			`/rest/workflows/${SEND_ONCE.workflowId}`,
		);
		const savedKeys = Object.keys(staticData?.['node:Send Shipping Notice']?.[STATIC_DATA_PROPERTY] ?? {});
		expect(savedKeys).toEqual(expect.arrayContaining(scenario.deliveries.map(({ contactId }) => keyHash(`evt-apart-${contactId}`))));
		expect(JSON.stringify(staticData)).not.toMatch(/evt-apart|once-/);
	});

	test('Send Once Key: the same event posted twice at the same moment sends one message per key', async () => {
		const scenario = eventScenario('evt-at-once', 'A-7002');
		// Each message's answer comes 1 s late: whichever execution sends a key first holds it in
		// flight while the other execution reaches it
		sandbox().injectFault({ kind: 'delayAnswer', ms: 1000 }, scenario.deliveries.length);
		const started = performance.now();
		const answers = await Promise.all(
			[1, 2].map(async () => {
				const answer = await postEvent(scenario.body);
				return { ...answer, ms: performance.now() - started };
			}),
		);
		const outputs = answers.flatMap(items);
		log(
			`n8n ${version}: event posted twice at once: ${sandbox().accepted().length} messages for ${scenario.deliveries.length} keys; ` +
				`answers: ${answers.map((answer) => `${items(answer).map((item) => item.status).join('/')} after ${seconds(answer.ms)}`).join(' | ')}`,
		);

		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		expectOncePerKey(scenario);
		// Each key once sent and once skipped, whichever execution got to it first
		expect(outputs.filter((item) => item.status === 'Success')).toHaveLength(3);
		expect(outputs.filter((item) => item.alreadySent === true)).toHaveLength(3);
	});

	test('Send Once Key: a key whose send got a 403 goes out when the event is posted again; the others stay sent once', async () => {
		const scenario = eventScenario('evt-refused', 'A-7003');
		sandbox().injectAnswer({ status: 403, message: 'Contact not found' }, 1);
		const refused = await postEvent(scenario.body);
		const acceptedFirst = sandbox().accepted().map(({ contactId }) => contactId);
		const again = await postEvent(scenario.body);
		log(
			`n8n ${version}: event with a 403 answered ${refused.status} (${acceptedFirst.length} accepted), posted again: ${again.status}, ` +
				`${sandbox().accepted().length} messages for ${scenario.deliveries.length} keys`,
		);

		// On Error: Stop: the 403 fails the execution, after the other contacts were sent
		expect(acceptedFirst).toHaveLength(scenario.deliveries.length - 1);
		expect(again.status).toBe(200);
		expectOncePerKey(scenario);
		const refusedContact = scenario.deliveries.find(({ contactId }) => !acceptedFirst.includes(contactId))?.contactId;
		expect(items(again)).toEqual(
			scenario.deliveries.map(({ contactId }) =>
				contactId === refusedContact
					? expect.objectContaining({ contactId, status: 'Success' })
					: expect.objectContaining({ contactId, status: 'Skipped', alreadySent: true }),
			),
		);
	});
});
