// Send and Wait for Response in REAL n8n (2.41.1 and 1.123.81): the example confirm-appointment
// and two fixtures (free text; a 2 s time limit) run from their production webhooks; the test reads
// the message from the sandbox, follows its links as a person would (or as a link preview, or
// altered), and checks each execution's status and output through n8n's REST API.
// E2E_VERSIONS=2.41.1 runs one version.

import { join } from 'node:path';

import { e2eLog as log, newestExecution, packedPackage, seconds, selectedVersions } from './e2eSuite';
import { n8nWithSandbox } from './n8nWithSandbox';
import { callWebhook, EXAMPLES_DIR, filesContaining, REPO_ROOT, workflowExecutions, type ExecutionSummary } from './realN8n';
import { launchChromium, newIsolatedContext } from '../browser/launchChromium';
import { acceptedMessages, BROWSER_USER_AGENT, followLink, lastSendAndWaitMessage, LINK_PREVIEW_USER_AGENT } from './sendAndWaitMessage';

const versions = selectedVersions();

const CONFIRM = { file: join(EXAMPLES_DIR, 'confirm-appointment.json'), workflowId: 'ccExampleConfirm', path: 'chatcentral-confirm' };
const FREE_TEXT = {
	file: join(REPO_ROOT, 'dev', 'e2e', 'fixtures', 'send-and-wait-free-text.json'),
	workflowId: 'ccE2eWaitFreeText',
	path: 'chatcentral-e2e-free-text',
};
const TIME_LIMIT = {
	file: join(REPO_ROOT, 'dev', 'e2e', 'fixtures', 'send-and-wait-time-limit.json'),
	workflowId: 'ccE2eWaitTimeLimit',
	path: 'chatcentral-e2e-time-limit',
};
const appointment = { contactId: 'wait-ana', name: 'Ana', date: 'Friday 10:00' };

const tarball = packedPackage(versions);

describe.each(versions)('Send and Wait for Response in real n8n %s', (version) => {
	const { sandbox, n8n } = n8nWithSandbox({ tarball, n8n: { version, workflows: [CONFIRM.file, FREE_TEXT.file, TIME_LIMIT.file] } });

	const execution = async (workflowId: string, done: (execution: ExecutionSummary) => boolean, limitMs?: number) =>
		await newestExecution(n8n(), workflowId, done, limitMs);

	/** Fires the workflow's webhook and waits until its execution waits with the message sent. */
	async function ask(workflow: { workflowId: string; path: string }, body: Record<string, unknown>) {
		sandbox().reset();
		const started = performance.now();
		const answer = await callWebhook(n8n(), workflow.path, body);
		expect(answer.status).toBe(200);
		await acceptedMessages(sandbox(), 1);
		const waiting = await execution(workflow.workflowId, ({ status }) => status === 'waiting');
		log(`n8n ${version}: ${workflow.workflowId} execution ${waiting.id} waiting ${seconds(performance.now() - started)} after its webhook`);
		return { waiting, message: lastSendAndWaitMessage(sandbox()) };
	}

	test('confirm-appointment: Approve resumes with { data: { approved: true } } and the thank-you text; previews, altered and used links resume nothing', async () => {
		const { waiting, message } = await ask(CONFIRM, appointment);
		expect(message.contactId).toBe('wait-ana');
		expect(message.question).toBe('Hi Ana, please confirm your appointment on Friday 10:00.');
		expect(message.links.map(({ label }) => label)).toEqual(['✓ Confirm', '✗ Cancel']);
		const [confirm, cancel] = message.links.map(({ url }) => new URL(url));
		expect(confirm.pathname).toMatch(new RegExp(`^/webhook-waiting/${waiting.id}/c0ffee00-0e-4c0d-9e00-000000000002$`));
		expect(confirm.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);

		// A chat app's link preview fetches the link: nothing is recorded
		const preview = await followLink(confirm.href, { userAgent: LINK_PREVIEW_USER_AGENT });
		expect(preview.status).toBe(200);
		expect(preview.html).toContain('Nothing was recorded');
		// The Cancel link's signature on Confirm's answer, and no signature at all: refused by n8n
		const altered = new URL(cancel);
		altered.searchParams.set('approved', 'true');
		const unsigned = new URL(confirm);
		unsigned.searchParams.delete('signature');
		for (const url of [altered, unsigned]) {
			const refused = await followLink(url.href);
			// n8n's own answer: 2.x its "Invalid Form Link" page, 1.x {"error":"Invalid token"}
			expect(refused.status).toBe(401);
			expect(refused.html).toMatch(/Invalid Form Link|Invalid token/);
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await execution(CONFIRM.workflowId, () => true)).status).toBe('waiting');
		expect(sandbox().accepted()).toHaveLength(1);

		const approved = await followLink(confirm.href);
		expect(approved.status).toBe(200);
		expect(approved.html).toContain('Got it, thanks');
		expect(approved.html).toContain('Approved');
		const done = await execution(CONFIRM.workflowId, ({ status }) => status === 'success');
		expect(done.id).toBe(waiting.id);
		expect(done.outputs['Ask to Confirm']).toEqual([[{ data: { approved: true } }]]);
		const [, thanks] = await acceptedMessages(sandbox(), 2);
		expect(thanks.payload).toEqual({
			body: [{ type: 'text', text: 'Thanks Ana, your appointment on Friday 10:00 is confirmed. See you then!' }],
		});

		// The link again, and the other one: the answer is taken, nothing more happens
		for (const url of [confirm, cancel]) {
			const again = await followLink(url.href);
			// n8n's own page for a send-and-wait link whose execution is over
			expect(again.html).toContain('No action required');
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(sandbox().accepted()).toHaveLength(2);
		expect(await workflowExecutions(n8n(), CONFIRM.workflowId)).toHaveLength(1);
	});

	test('confirm-appointment: Cancel resumes with { data: { approved: false } } and the other branch', async () => {
		const { waiting, message } = await ask(CONFIRM, { ...appointment, contactId: 'wait-bea', name: 'Bea' });
		const declined = await followLink(message.links[1].url);
		expect(declined.status).toBe(200);
		expect(declined.html).toContain('Declined');
		const done = await execution(CONFIRM.workflowId, ({ id, status }) => id === waiting.id && status === 'success');
		expect(done.outputs['Ask to Confirm']).toEqual([[{ data: { approved: false } }]]);
		const [, reply] = await acceptedMessages(sandbox(), 2);
		expect(reply).toMatchObject({
			contactId: 'wait-bea',
			payload: { body: [{ type: 'text', text: 'No problem, Bea: we will call you to find another time.' }] },
		});
	});

	test('a person clicks ✓ Confirm in the sandbox\'s chat view (as in npm run demo): the execution resumes', async () => {
		const { waiting, message } = await ask(CONFIRM, { ...appointment, contactId: 'wait-eve', name: 'Eve' });
		const browser = await launchChromium();
		try {
			// A person's browser, reaching the chat view and n8n: headless Chromium's own User-Agent
			// would count as a link preview
			const n8nOrigin = new URL(message.links[0].url).origin;
			const context = await newIsolatedContext(browser, [sandbox().chatViewUrl, n8nOrigin], { userAgent: BROWSER_USER_AGENT });
			const chat = await context.newPage();
			await chat.goto(sandbox().chatViewUrl);
			const confirm = chat.locator('[data-contact="wait-eve"] [data-action-link]').first();
			expect(await confirm.textContent()).toBe('✓ Confirm');
			const [page] = await Promise.all([context.waitForEvent('page'), confirm.click()]);
			await page.waitForLoadState();
			expect(await page.locator('[data-answer]').textContent()).toBe('Approved');
		} finally {
			await browser.close();
		}
		const done = await execution(CONFIRM.workflowId, ({ id, status }) => id === waiting.id && status === 'success');
		expect(done.outputs['Ask to Confirm']).toEqual([[{ data: { approved: true } }]]);
		expect((await acceptedMessages(sandbox(), 2))[1].payload).toEqual({
			body: [{ type: 'text', text: 'Thanks Eve, your appointment on Friday 10:00 is confirmed. See you then!' }],
		});
	});

	test('free text: the link opens a form; submitting it resumes with { data: { text } }', async () => {
		const { waiting, message } = await ask(FREE_TEXT, { contactId: 'wait-cy', orderId: '7' });
		expect(message.question).toBe('What went wrong with order 7?');
		expect(message.links.map(({ label }) => label)).toEqual(['Tell us']);
		const form = await followLink(message.links[0].url);
		expect(form.status).toBe(200);
		expect(form.html).toContain('<h1>Order 7</h1>');
		expect(form.html).toContain('<form method="post">');
		expect((await execution(FREE_TEXT.workflowId, () => true)).status).toBe('waiting');

		const answer = 'The box was <b>wet</b> & torn';
		const submitted = await followLink(message.links[0].url, { form: { text: answer } });
		expect(submitted.status).toBe(200);
		expect(submitted.html).toContain('The box was &lt;b&gt;wet&lt;/b&gt; &amp; torn');
		const done = await execution(FREE_TEXT.workflowId, ({ id, status }) => id === waiting.id && status === 'success');
		expect(done.outputs.Ask).toEqual([[{ data: { text: answer } }]]);
	});

	test('a 2 s time limit: the execution goes on without an answer, the node passing its input on', async () => {
		const started = performance.now();
		const { waiting } = await ask(TIME_LIMIT, { contactId: 'wait-dan' });
		// n8n picks up expired waits once a minute
		const done = await execution(TIME_LIMIT.workflowId, ({ id, status }) => id === waiting.id && status === 'success', 150_000);
		log(`n8n ${version}: the 2 s limit resumed execution ${done.id} ${seconds(performance.now() - started)} after its webhook`);
		const [[item]] = done.outputs.Ask;
		expect(item).toMatchObject({ body: { contactId: 'wait-dan' } });
		expect(item).not.toHaveProperty('data');
		expect(sandbox().accepted()).toHaveLength(1);
	});

	test("the token appears nowhere in n8n's logs, user folder or database", async () => {
		await n8n().stop();
		expect(filesContaining(n8n().workDir, sandbox().token)).toEqual([]);
	});
});
