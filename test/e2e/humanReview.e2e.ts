// n8n 2.41.1's Human review for AI tools, served by this node: n8n turns ChatCentral (a node with
// webhooks and a sendAndWait operation) into "ChatCentral" Human review (chatCentralHitlTool). An
// AI Agent (its model the project's local OpenAI-compatible stand-in) calls a ChatCentral Send
// Text tool gated by that review: the operator gets the review message through the sandbox, and
// the customer's text goes out only after the operator follows Approve, never after Decline.
// n8n 1.x has no Human review: this runs on 2.x only (E2E_VERSIONS still selects).

import { join } from 'node:path';

import { openAiCredential } from '../../dev/modelStandIn/openAiCredential';
import { startModelStandIn, toolMessages, toolNamed, type ModelStandIn } from '../../dev/modelStandIn/server';
import { e2eLog as log, newestExecution, packedPackage, seconds, selectedVersions } from './e2eSuite';
import { n8nWithSandbox } from './n8nWithSandbox';
import { callWebhook, filesContaining, REPO_ROOT, type ExecutionSummary } from './realN8n';
import { acceptedMessages, followLink, lastSendAndWaitMessage } from './sendAndWaitMessage';

const versions = selectedVersions().filter((version) => version.startsWith('2.'));

const WORKFLOW = { file: join(REPO_ROOT, 'dev', 'e2e', 'fixtures', 'human-review-workflow.json'), id: 'ccE2eHumanReview', path: 'chatcentral-e2e-review' };
const CUSTOMER_TEXT = 'Your refund of 40 € is on its way.';
const FINAL_ANSWER = 'Done: I handled the refund message.';

// The model: asks to send the customer text through the gated tool, then, given the tool's
// result (or the operator's refusal), answers.
function modelTurn(request: Parameters<Parameters<typeof startModelStandIn>[0]>[0]) {
	if (toolMessages(request).length > 0) return { content: FINAL_ANSWER };
	const tool = toolNamed(request, 'Send');
	if (tool === undefined) throw new Error(`no Send tool offered: ${JSON.stringify(request.tools?.map((offered) => offered.function.name))}`);
	return { toolCalls: [{ name: tool.function.name, arguments: { toolParameters: { Text: CUSTOMER_TEXT }, hitlParameters: {} } }] };
}

const tarball = packedPackage(versions);

if (versions.length === 0) test.skip('Human review needs n8n 2.x (none selected in E2E_VERSIONS)', () => {});

describe.each(versions)("ChatCentral's Human review for AI tools in real n8n %s", (version) => {
	let model: ModelStandIn;
	beforeAll(async () => {
		model = await startModelStandIn(modelTurn);
	});
	const { sandbox, n8n } = n8nWithSandbox({
		tarball,
		n8n: () => ({ version, extraCredentials: [openAiCredential(model.url)], workflows: [WORKFLOW.file] }),
	});
	afterAll(async () => {
		await model?.close();
	});

	const execution = async (done: (execution: ExecutionSummary) => boolean) => await newestExecution(n8n(), WORKFLOW.id, done, 60_000);

	/** The agent asks to send the customer text: the operator gets the review, the customer nothing yet. */
	async function agentAsks() {
		sandbox().reset();
		model.requests.length = 0;
		const started = performance.now();
		expect((await callWebhook(n8n(), WORKFLOW.path, { request: 'Tell Ana her refund is on its way.' })).status).toBe(200);
		await acceptedMessages(sandbox(), 1, 120_000);
		const review = lastSendAndWaitMessage(sandbox());
		const waiting = await execution(({ status }) => status === 'waiting');
		log(`n8n ${version}: execution ${waiting.id} waits for the operator ${seconds(performance.now() - started)} after the webhook; the review: ${JSON.stringify(review.question)}`);
		expect(review.contactId).toBe('operator-olga');
		expect(review.question).toContain(CUSTOMER_TEXT);
		expect(review.links.map(({ label }) => label)).toEqual(['✓ Approve', '✗ Decline']);
		expect(sandbox().accepted().filter(({ contactId }) => contactId === 'customer-ana')).toEqual([]);
		return { review, waiting };
	}

	test('the gated tool runs after the operator follows Approve: the customer gets the text once', async () => {
		const { review, waiting } = await agentAsks();
		const started = performance.now();
		expect((await followLink(review.links[0].url)).status).toBe(200);
		const done = await execution(({ id, status }) => id === waiting.id && status !== 'waiting' && status !== 'running');
		log(`n8n ${version}: approved; execution ${done.id} ${done.status} ${seconds(performance.now() - started)} after the click`);
		expect(done.status).toBe('success');
		const toCustomer = sandbox().accepted().filter(({ contactId }) => contactId === 'customer-ana');
		expect(toCustomer.map(({ payload }) => payload)).toEqual([{ body: [{ type: 'text', text: CUSTOMER_TEXT }] }]);
		expect(done.outputs['AI Agent']).toEqual([[expect.objectContaining({ output: FINAL_ANSWER })]]);
		// The model saw the tool's result: ChatCentral's "Message Sent"
		expect(toolMessages(model.requests.at(-1)!.body).join('\n')).toContain('Message Sent');
	});

	test('the gated tool does not run after the operator follows Decline', async () => {
		const { review, waiting } = await agentAsks();
		expect((await followLink(review.links[1].url)).status).toBe(200);
		const done = await execution(({ id, status }) => id === waiting.id && status !== 'waiting' && status !== 'running');
		log(`n8n ${version}: declined; execution ${done.id} ${done.status}; the model was told: ${toolMessages(model.requests.at(-1)!.body).join(' | ')}`);
		expect(done.status).toBe('success');
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(sandbox().accepted().filter(({ contactId }) => contactId === 'customer-ana')).toEqual([]);
		expect(toolMessages(model.requests.at(-1)!.body).join('\n')).toMatch(/rejected/i);
	});

	test("the token appears nowhere in n8n's logs, user folder or database", async () => {
		await n8n().stop();
		expect(filesContaining(n8n().workDir, sandbox().token)).toEqual([]);
	});
});
