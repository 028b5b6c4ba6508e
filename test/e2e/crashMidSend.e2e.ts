// n8n killed in the middle of a send, in real n8n (2.41.1 and 1.123.81; E2E_VERSIONS selects),
// regular mode on SQLite: examples/send-once-key-batches.json (batches of 20, each a sub-workflow
// execution that saves its Send Once Keys when it ends) sends 60 contacts; n8n's process group is
// killed (SIGKILL) in the second batch and started again on the same folder; n8n's Retry of the
// killed execution, and the same event posted again, send at most that batch again and lose
// nothing. The figures at 200 contacts and at distance: `npm run bench:crash -- --batches`.

import { BATCH_SIZE, BATCHES, crashMidSend, killSwitch, type AfterCrash } from './crashMidSend';
import { e2eLog as log, packedPackage, selectedVersions } from './e2eSuite';
import { n8nWithSandbox } from './n8nWithSandbox';
import { callWebhook } from './realN8n';
import { messagesPerContact } from './retryScenario';

const versions = selectedVersions();
const tarball = packedPackage(versions);

const CONTACTS = 3 * BATCH_SIZE;
// In the second batch: the first one has ended and saved its keys
const KILL_AFTER = BATCH_SIZE + BATCH_SIZE / 2;
const ONE_WAY_DELAY_MS = 20;

describe.each(versions)('n8n %s killed in the middle of a send in batches', (version) => {
	const kill = killSwitch();
	const { sandbox, n8n } = n8nWithSandbox({
		tarball,
		sandbox: { oneWayDelayMs: ONE_WAY_DELAY_MS, onRequest: kill.onRequest },
		n8n: { version, workflows: BATCHES.files },
	});

	test(`undisturbed, ${CONTACTS} contacts get one message each; the same event posted again sends nothing`, async () => {
		sandbox().reset();
		const contactIds = Array.from({ length: CONTACTS }, (_, index) => `calm-${index + 1}`);
		const body = BATCHES.body('calm', contactIds);
		const first = await callWebhook(n8n(), BATCHES.webhookPath, body);
		const again = await callWebhook(n8n(), BATCHES.webhookPath, body);

		expect([first.status, again.status]).toEqual([200, 200]);
		expect(messagesPerContact(sandbox(), 'calm-')).toEqual(Object.fromEntries(contactIds.map((contactId) => [contactId, 1])));
		// The webhook answers with every contact's item of the sub-workflow
		expect(again.body).toEqual(contactIds.map((contactId) => expect.objectContaining({ contactId, status: 'Skipped', alreadySent: true })));
	});

	test.each<AfterCrash>(['retry', 'postAgain'])(
		`killed after ${KILL_AFTER} of ${CONTACTS} accepted, restarted, then %s: at most the batch in flight is sent twice, nothing is lost`,
		async (after) => {
			const outcome = await crashMidSend({
				server: n8n(),
				sandbox: sandbox(),
				kill,
				workflow: BATCHES,
				eventId: `crash-${after}`,
				contacts: CONTACTS,
				killAfter: KILL_AFTER,
				after,
				settleMs: 2 * ONE_WAY_DELAY_MS + 1000,
				log,
			});
			log(`n8n ${version}, ${after}: ${JSON.stringify(outcome)}`);

			expect(outcome.killed.status).toBe('crashed');
			expect(outcome.followUp.status).toMatch(/^(success|HTTP 200)$/);
			expect(outcome.lost).toBe(0);
			expect(outcome.sentAgain).toBeLessThanOrEqual(BATCH_SIZE);
			// The first batch ended before the kill: none of its contacts got a second message
			const perContact = messagesPerContact(sandbox(), `crash-${after}-`);
			const firstBatch = Array.from({ length: BATCH_SIZE }, (_, index) => `crash-${after}-${String(index + 1).padStart(3, '0')}`);
			expect(firstBatch.map((contactId) => perContact[contactId])).toEqual(Array(BATCH_SIZE).fill(1));
		},
	);
});
