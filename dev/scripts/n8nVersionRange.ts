// One row of dev/scripts/n8nVersionRange.sh: the examples/ workflows in one installed n8n 1.x release
// (E2E_CACHE_DIR/n8n-VERSION), the way `npm run test:e2e` runs them in 1.123.81: the packed
// package installed as n8n installs community packages, the workflows imported and activated,
// `n8n start`, each example called through its production webhook against a fresh sandbox, then
// crm-attachments once more headless with `n8n execute`. Logs go to stderr; stdout gets one
// Markdown table row: | VERSION | works | examples passed | headless run | what fails |.
// "works": every example delivered exactly its messages, no token in n8n's files, no package
// load error; the headless run is reported beside it (it tests n8n's CLI as much as the node).
//
//   E2E_CACHE_DIR=DIR tsx dev/scripts/n8nVersionRange.ts VERSION TARBALL

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox/server';
import { checkDeliveries, exampleFiles, SCENARIOS, type Scenario } from '../../test/e2e/exampleScenarios';
import { callWebhook, filesContaining, lastLines, startN8n, type N8nServer, type N8nVersion } from '../../test/e2e/realN8n';

const [version, tarball] = process.argv.slice(2);
if (!/^1\.\d+\.\d+$/.test(version ?? '') || !tarball) {
	process.stderr.write('usage: E2E_CACHE_DIR=DIR tsx dev/scripts/n8nVersionRange.ts 1.X.Y TARBALL\n');
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

interface Outcome {
	/** Examples whose webhook run delivered exactly what it should. */
	examplesPassed: number;
	/** The headless `n8n execute` run: 'ok' or what went wrong. */
	headless: string;
	/** Everything that went wrong except the headless run. */
	failures: string[];
}

async function main(): Promise<Outcome> {
	const failures: string[] = [];
	let examplesPassed = 0;
	let headless = 'not run';
	const sandbox = await startSandbox();
	let server: N8nServer | undefined;
	try {
		// The type names the versions the e2e suite provisions; realN8n runs any 1.x the same way.
		server = await startN8n({ version: version as N8nVersion, tarball, baseUrl: sandbox.baseUrl, token: sandbox.token, workflows: exampleFiles(), log });
	} catch (error) {
		await sandbox.close();
		log(String(error));
		const said = packageLoadErrors();
		failures.push(`n8n did not start with the examples${said.length > 0 ? `; n8n said: ${said.join('; ')}` : `: ${oneLine(lastLines(String(error), 6))}`}`);
		return { examplesPassed, headless, failures };
	}
	try {
		for (const [name, scenario] of Object.entries(SCENARIOS) as Array<[string, Scenario]>) {
			sandbox.reset();
			const started = performance.now();
			const answer = await callWebhook(server, scenario.webhookPath, scenario.body);
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

		await server.stop();
		sandbox.reset();
		const executeStarted = performance.now();
		const { output, code, ms } = await server.execute(SCENARIOS.receipts.workflowId).catch((error: unknown) => ({
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

		const leaks = filesContaining(server.workDir, sandbox.token);
		if (leaks.length > 0) failures.push(`the token is in ${leaks.join(', ')}`);
		// What n8n said about the package or its node types while loading them.
		const warnings = readFileSync(server.startLog, 'utf8')
			.split('\n')
			.filter((line) => /n8n-nodes-chatcentral/i.test(line) && /error|fail|warn|could not|unrecognized|needs n8n/i.test(line));
		if (warnings.length > 0) failures.push(`n8n start log: ${oneLine(warnings.slice(0, 3).join(' | '))}`);
		return { examplesPassed, headless, failures };
	} finally {
		await server.stop();
		await sandbox.close();
		if (failures.length > 0 || headless !== 'ok' || process.env.E2E_KEEP) log(`kept ${server.workDir}`);
		else server.remove();
	}
}

const started = performance.now();
main().then(
	({ examplesPassed, headless, failures }) => {
		const works = failures.length === 0 && examplesPassed === Object.keys(SCENARIOS).length;
		log(`${works ? 'works' : 'fails'} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
		const cells = [version, works ? 'yes' : 'no', `${examplesPassed} of ${Object.keys(SCENARIOS).length}`, headless, failures.join('<br>') || '-'];
		process.stdout.write(`| ${cells.map((cell) => cell.replace(/\|/g, '/')).join(' | ')} |\n`);
	},
	(error: unknown) => {
		log(`the run itself failed: ${String(error)}`);
		process.exitCode = 1;
	},
);
