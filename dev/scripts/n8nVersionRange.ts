// One row of dev/scripts/n8nVersionRange.sh: one installed n8n release (E2E_CACHE_DIR/n8n-VERSION;
// 1.x on the Node running this, 2.x on E2E_CACHE_DIR/node24) run the way `npm run test:e2e` runs
// 1.123.81 and 2.41.1: the packed package installed as n8n installs community packages, the
// workflows imported and activated, `n8n start`, then against a fresh sandbox
// - each example through its production webhook (exactly its messages, bulk-300 at most 25 a second),
// - Send and Wait: confirm-appointment answered through its signed Confirm link, then Cancel,
// - the AI Agent tool (where the release has the example's AI Agent typeVersion), with the model stand-in,
// - whether the editor's node list has the tool twin and the Human review (…HitlTool) twin,
// - n8n's Retry of an execution that failed after 29 of 30 messages: nothing sent twice,
// then crm-attachments once more headless with `n8n execute`. Logs go to stderr; stdout gets one
// Markdown table row: | VERSION | works | examples | Send and Wait | AI Agent tool | AI twins listed | Retry | headless | what fails |.
// "works": all of the above except the headless run, no token in n8n's files, no package load
// error; the headless run is reported beside it (it tests n8n's CLI as much as the node).
//
//   E2E_CACHE_DIR=DIR tsx dev/scripts/n8nVersionRange.ts VERSION TARBALL

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openAiCredential } from '../modelStandIn/openAiCredential';
import { startModelStandIn, type ModelStandIn } from '../modelStandIn/server';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { agentTypeVersions, AI_TOOL_SCRIPT, aiToolProblems } from './versionRange/aiToolCheck';
import { CONFIRM_EXAMPLE, sendAndWaitProblems } from './versionRange/sendAndWaitCheck';
import { aiAgentExampleTypeVersion, aiAgentExampleWithStandIn } from '../../test/e2e/aiAgentExample';
import { checkDeliveries, exampleFiles, SCENARIOS, type Scenario } from '../../test/e2e/exampleScenarios';
import { callWebhook, filesContaining, lastLines, startN8n, type N8nServer, type N8nVersion } from '../../test/e2e/realN8n';
import { eachContactOnceProblems, failedExecution, retryExecution, RETRY_WORKFLOW } from '../../test/e2e/retryScenario';

const [version, tarball] = process.argv.slice(2);
if (!/^[12]\.\d+\.\d+$/.test(version ?? '') || !tarball) {
	process.stderr.write('usage: E2E_CACHE_DIR=DIR tsx dev/scripts/n8nVersionRange.ts 1.X.Y|2.X.Y TARBALL\n');
	process.exit(2);
}
const log = (line: string): void => {
	process.stderr.write(`[n8n ${version} ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 300);

/** What is wrong with a scenario's run (empty: it worked). */
function problemsOf(scenario: Scenario, status: number | undefined, sandbox: Sandbox): string[] {
	const problems: string[] = [];
	if (status !== undefined && status !== 200) problems.push(`webhook answered ${status}`);
	const check = checkDeliveries(scenario, sandbox.accepted());
	if (check.missing.length > 0) problems.push(`${check.missing.length} of ${check.expected} messages missing`);
	if (check.duplicates > 0) problems.push(`${check.duplicates} duplicates`);
	if (check.unexpected.length > 0) problems.push(`${check.unexpected.length} unexpected messages`);
	return problems;
}

/**
 * The distinct errors n8n logged while loading the package, from the start log of the latest
 * run of this version (startN8n keeps its folder when it fails, but does not return it).
 */
function packageLoadErrors(): string[] {
	const prefix = `chatcentral-e2e-n8n-${version}-`;
	const [latest] = readdirSync(tmpdir())
		.filter((name) => name.startsWith(prefix))
		.map((name) => join(tmpdir(), name))
		.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
	if (latest === undefined || !existsSync(join(latest, 'n8n-start.log'))) return [];
	const lines = readFileSync(join(latest, 'n8n-start.log'), 'utf8').split('\n');
	return [...new Set(lines.filter((line) => /n8n-nodes-chatcentral|Class could not be found/i.test(line) && !/workflow/i.test(line)).map(oneLine))].slice(0, 3);
}

/** A feature's cell: 'yes', 'no' (what went wrong is in "what fails"), or why it was not run. */
type Verdict = string;

interface Outcome {
	/** Examples whose webhook run delivered exactly what it should. */
	examplesPassed: number;
	sendAndWait: Verdict;
	aiTool: Verdict;
	/** Whether the editor's node list offers ChatCentral's Human review (chatCentralHitlTool) and the tool twin. */
	twins: string;
	retry: Verdict;
	/** The headless `n8n execute` run: 'ok' or what went wrong. */
	headless: string;
	/** Everything that went wrong except the headless run. */
	failures: string[];
}

/** Runs one feature's check; its problems (or the error it threw) become its verdict and go to `failures` too. */
async function measure(name: string, failures: string[], check: () => Promise<string[]>): Promise<Verdict> {
	const started = performance.now();
	const problems = await check().catch((error: unknown) => [oneLine(String(error))]);
	log(`${name}: ${problems.length === 0 ? 'ok' : problems.join('; ')} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
	if (problems.length === 0) return 'yes';
	failures.push(`${name}: ${problems.join('; ')}`);
	return 'no';
}

async function main(): Promise<Outcome> {
	const failures: string[] = [];
	let examplesPassed = 0;
	let headless = 'not run';
	const notRun = { sendAndWait: 'not run', aiTool: 'not run', twins: 'not run', retry: 'not run' };
	const agentVersion = aiAgentExampleTypeVersion();
	const agentVersions = agentTypeVersions(version as N8nVersion);
	const withAgent = agentVersions.includes(agentVersion);
	log(`AI Agent typeVersions in this release: ${agentVersions.join(', ') || 'none found'}; the example needs ${agentVersion}`);
	const sandbox = await startSandbox();
	const standIn: ModelStandIn = await startModelStandIn(AI_TOOL_SCRIPT);
	const folder = mkdtempSync(join(tmpdir(), 'chatcentral-n8n-range-'));
	const closeAll = async (): Promise<void> => {
		await standIn.close();
		await sandbox.close();
		rmSync(folder, { recursive: true, force: true });
	};
	let server: N8nServer | undefined;
	try {
		// The type names the versions the e2e suite provisions; realN8n runs any 1.x and 2.x the same way.
		server = await startN8n({
			version: version as N8nVersion,
			tarball,
			baseUrl: sandbox.baseUrl,
			token: sandbox.token,
			extraCredentials: [openAiCredential(standIn.url)],
			workflows: [...exampleFiles(), CONFIRM_EXAMPLE, RETRY_WORKFLOW.file, ...(withAgent ? [aiAgentExampleWithStandIn(folder)] : [])],
			log,
		});
	} catch (error) {
		await closeAll();
		log(String(error));
		const said = packageLoadErrors();
		failures.push(`n8n did not start with the examples${said.length > 0 ? `; n8n said: ${said.join('; ')}` : `: ${oneLine(lastLines(String(error), 6))}`}`);
		return { examplesPassed, ...notRun, headless, failures };
	}
	const n8n = server;
	try {
		for (const [name, scenario] of Object.entries(SCENARIOS) as Array<[string, Scenario]>) {
			sandbox.reset();
			const started = performance.now();
			const answer = await callWebhook(n8n, scenario.webhookPath, scenario.body);
			const problems = problemsOf(scenario, answer.status, sandbox);
			// error-branch answers with the items of its error output, each with its reason.
			const reasons = Array.isArray(answer.body) ? answer.body.map((item) => String((item as { reason?: unknown }).reason ?? '')) : [];
			for (const [index, failure] of scenario.failures.entries()) {
				if (!reasons[index]?.includes(failure.error)) problems.push(`error output item ${index + 1}: ${JSON.stringify(reasons[index] ?? null)}, expected "${failure.error}"`);
			}
			// bulk-300: the credential's 25 requests per second, as in the e2e test.
			const peak = sandbox.peakRequestsInAnyWindow();
			if (scenario === SCENARIOS.bulk && peak > 25) problems.push(`${peak} requests in one second (at most 25)`);
			if (problems.length > 0 && answer.status !== 200) problems.push(`answer: ${oneLine(JSON.stringify(answer.body))}`);
			log(`${scenario.file}: ${problems.length === 0 ? 'ok' : problems.join('; ')} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
			if (problems.length > 0) failures.push(`${name} (${scenario.file}): ${problems.join('; ')}`);
			else examplesPassed++;
		}

		const approve = await measure('Send and Wait, Confirm', failures, () => sendAndWaitProblems(n8n, sandbox, 'approve'));
		const decline = await measure('Send and Wait, Cancel', failures, () => sendAndWaitProblems(n8n, sandbox, 'decline'));
		const sendAndWait = approve === 'yes' && decline === 'yes' ? 'yes' : 'no';
		const aiTool = withAgent
			? await measure('AI Agent tool', failures, () => aiToolProblems(n8n, sandbox, standIn))
			: `not run: no AI Agent ${agentVersion} in this release (it has ${agentVersions.join(', ') || 'none'})`;
		// What n8n generates from the node for AI agents, as the editor lists it (2.41.1 runs Human review end to end in test/e2e).
		const types = await n8n.getJson<Array<{ name: string }>>('/types/nodes.json');
		const listed = (name: string): string => (types.some((type) => type.name === `n8n-nodes-chatcentral.${name}`) ? 'yes' : 'no');
		const twins = `tool ${listed('chatCentralTool')}, Human review ${listed('chatCentralHitlTool')}`;
		log(`the editor lists: ${twins}`);
		const retry = await measure('Retry of a failed execution', failures, async () => {
			sandbox.reset();
			const failed = await failedExecution(n8n, sandbox, 'range');
			const retried = await retryExecution(n8n, failed.id, false);
			return eachContactOnceProblems(sandbox, 'range', failed, retried);
		});

		await n8n.stop();
		sandbox.reset();
		const executeStarted = performance.now();
		const { output, code, ms } = await n8n.execute(SCENARIOS.receipts.workflowId).catch((error: unknown) => ({
			output: String(error),
			code: null,
			ms: performance.now() - executeStarted,
		}));
		const problems = problemsOf(SCENARIOS.receipts, undefined, sandbox);
		// Before 1.123 the raw output of a finished run still says "status": "running".
		const finished = output.includes('"status": "success"') || output.includes('"finished": true');
		if (code === null) problems.unshift('n8n execute did not finish (killed after 180 s)');
		else if (code !== 0 || !finished) problems.unshift(`n8n execute exited ${code}: ${oneLine(lastLines(output, 4))}`);
		log(`n8n execute ${SCENARIOS.receipts.workflowId}: ${problems.length === 0 ? 'ok' : problems.join('; ')} (${(ms / 1000).toFixed(1)} s): ${oneLine(lastLines(output, 3))}`);
		headless = problems.length === 0 ? 'ok' : problems.join('; ');

		const leaks = filesContaining(n8n.workDir, sandbox.token);
		if (leaks.length > 0) failures.push(`the token is in ${leaks.join(', ')}`);
		// What n8n said about the package or its node types while loading them.
		const warnings = readFileSync(n8n.startLog, 'utf8')
			.split('\n')
			.filter((line) => /n8n-nodes-chatcentral/i.test(line) && /error|fail|warn|could not|unrecognized|needs n8n/i.test(line));
		if (warnings.length > 0) failures.push(`n8n start log: ${oneLine(warnings.slice(0, 3).join(' | '))}`);
		return { examplesPassed, sendAndWait, aiTool, twins, retry, headless, failures };
	} finally {
		await n8n.stop();
		await closeAll();
		if (failures.length > 0 || headless !== 'ok' || process.env.E2E_KEEP) log(`kept ${n8n.workDir}`);
		else n8n.remove();
	}
}

const started = performance.now();
main().then(
	({ examplesPassed, sendAndWait, aiTool, twins, retry, headless, failures }) => {
		const works = failures.length === 0 && examplesPassed === Object.keys(SCENARIOS).length;
		log(`${works ? 'works' : 'fails'} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
		const examples = `${examplesPassed} of ${Object.keys(SCENARIOS).length}`;
		const cells = [version, works ? 'yes' : 'no', examples, sendAndWait, aiTool, twins, retry, headless, failures.join('<br>') || '-'];
		process.stdout.write(`| ${cells.map((cell) => cell.replace(/\|/g, '/')).join(' | ')} |\n`);
	},
	(error: unknown) => {
		log(`the run itself failed: ${String(error)}`);
		process.exitCode = 1;
	},
);
