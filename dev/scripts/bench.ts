// `npm run bench` (add `-- --quick` to skip the 10,000-item rows, about 7 minutes more; `-- --distances`
// for only the rows with ChatCentral 0, 150 and 300 ms away; `-- --sharing` for only the rows where 2
// and 3 processes share one token, and K senders (pacers) do, K from `-- --senders 2,3,10,50`;
// `-- --send-once` for only the rows with and without a Send Once Key, 150 ms away; `-- --contacts`
// for only the rows with several texts per contact and their one-text-per-contact twins, 150 ms
// away; `-- --big` for only the big runs, 3,000 and 10,000 texts 150 ms away: first message, CPU
// per item, memory; `-- --n 3000` keeps only the rows of that N; `-- --pacers-only` for only the
// K-senders rows of `--sharing`, without the 2 and 3 n8n processes).
//
// Measures the node in n8n's real engine (n8n-core WorkflowExecute, through the test harness)
// against the local sandbox at 25 requests/s per token. Each row is one workflow run of N items,
// Send Text to N distinct contacts (or N/m contacts m texts each, interleaved), in a fresh child process (dev/scripts/benchRow.ts): its peak RSS
// is that row's alone, and the node's process-wide pacer starts fresh. The sandbox runs here, a
// fresh one per row, so its memory is not counted. Prints a Markdown table and writes it to
// .tmp/bench-results.md. Exits non-zero if a ChatCentral-node row lost, duplicated or reordered a message.

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import {
	startSandbox,
	type CompetingSender,
	type CompetingSenderSummary,
	type Sandbox,
} from '../sandbox/server';
import { measureRun, type RunMeasurement } from './runMeasurement';
import { contactOfRequest } from '../sandbox/requestContact';
import type { BenchPacersResult } from './benchPacers';
import type { BenchNodeKind, BenchRowResult } from './benchRow';

const REPO_ROOT = resolve(__dirname, '..', '..');
const RESULTS_FILE = join(REPO_ROOT, '.tmp', 'bench-results.md');
const REQUESTS_PER_SECOND = 25;
const COMPETITOR_REQUESTS_PER_SECOND = 5;
const CONTACT_PREFIX = 'bench-';
// A real ChatCentral is 100–300 ms away, give or take a few milliseconds each trip
const DELAY_JITTER_MS = 3;

interface RowSpec {
	label: string;
	kind: BenchNodeKind;
	n: number;
	competing: boolean;
	/** The sandbox plays ChatCentral this far away: a round trip of twice this, plus jitter. */
	oneWayDelayMs: number;
	/**
	 * Child processes sending at once on the one token, N / processes items each: as queue-mode
	 * workers, each with its own pacer and knowing nothing of the others, without n8n's queue.
	 */
	processes: number;
	/** Texts per contact, numbered in item order ("#1 …"): the run goes to N / this contacts. */
	messagesPerContact: number;
	/**
	 * Senders on the one token simulated in one child process (dev/scripts/benchPacers.ts): each the
	 * node's pacer and retry rule, N / senders texts each, without n8n's engine. 0: the node in n8n.
	 */
	pacers: number;
	/**
	 * Each pacer's Max Requests per Second (the credential's): 25 by default; a fixed share of the
	 * token where it is ceil(25 / pacers).
	 */
	maxPerSecond: number;
}

interface RowOutcome extends RunMeasurement {
	spec: RowSpec;
	sharing?: SharingFigures;
	/** Date.now() of the sandbox when each accepted message of the row arrived. */
	acceptedAt?: number[];
	child: BenchRowResult | undefined;
	childFailure?: string;
	competitor?: CompetingSenderSummary;
}

const DEFAULTS = 'ChatCentral node, defaults';
const NAIVE = 'Naive declarative node';
const COMPETING = 'ChatCentral node + competing sender';
const SEND_ONCE_KEY = 'ChatCentral node, Send Once Key';
const sharingLabel = (processes: number): string => `ChatCentral node, ${processes} processes on one token`;
const pacersLabel = (senders: number, maxPerSecond: number): string =>
	`${senders} senders on one token (pacers${maxPerSecond < REQUESTS_PER_SECOND ? `, Max Requests per Second ${maxPerSecond}` : ''})`;
// The fixed share of many senders that all send at once (docs/sending-at-scale.md): rounded up, so
// the shares fill the token's second, and the few 429s it costs even them out
const fixedShare = (senders: number): number => Math.ceil(REQUESTS_PER_SECOND / senders);
// The pacer rows: as many texts as K senders share for a while (at K = 50, 30 each: 1 minute)
const pacerRowItems = (senders: number): number => Math.max(600, senders * 30);
const DEFAULT_SENDERS = [2, 3, 10, 50];

function rowSpecs({
	quick,
	distancesOnly,
	sharingOnly,
	sendOnceOnly,
	contactsOnly,
	bigOnly,
	senders,
	pacersOnly,
}: {
	quick: boolean;
	distancesOnly: boolean;
	sharingOnly: boolean;
	sendOnceOnly: boolean;
	contactsOnly: boolean;
	bigOnly: boolean;
	senders: number[];
	pacersOnly: boolean;
}): RowSpec[] {
	const row = (
		label: string,
		kind: BenchNodeKind,
		n: number,
		competing = false,
		oneWayDelayMs = 0,
		processes = 1,
		messagesPerContact = 1,
		pacers = 0,
		maxPerSecond = REQUESTS_PER_SECOND,
	): RowSpec => ({
		label,
		kind,
		n,
		competing,
		oneWayDelayMs,
		processes,
		messagesPerContact,
		pacers,
		maxPerSecond,
	});
	// Big runs 150 ms away: how soon the first message leaves, CPU per item, memory
	const big = [row(DEFAULTS, 'chatCentral', 3000, false, 75), row(DEFAULTS, 'chatCentral', 10_000, false, 75)];
	if (bigOnly) return big;
	const distances = [row(DEFAULTS, 'chatCentral', 1000), row(DEFAULTS, 'chatCentral', 1000, false, 75), row(DEFAULTS, 'chatCentral', 1000, false, 150)];
	if (distancesOnly) return distances;
	// The split of npm run bench:queue (600 texts, 150 ms away) without n8n's queue and its workers' load
	// Each K also with the fixed share of senders that all send at once (fixedShare)
	const pacerRows = senders.flatMap((k) =>
		[...new Set([REQUESTS_PER_SECOND, fixedShare(k)])].map((max) => row(pacersLabel(k, max), 'chatCentral', pacerRowItems(k), false, 75, 1, 1, k, max)),
	);
	if (pacersOnly) return pacerRows;
	const sharing = [...[2, 3].map((processes) => row(sharingLabel(processes), 'chatCentral', 600, false, 75, processes)), ...pacerRows];
	if (sharingOnly) return sharing;
	// Retry protection is always on; the key adds its memory (process and static data) to every send
	const sendOnce = [row(DEFAULTS, 'chatCentral', 1000, false, 75), row(SEND_ONCE_KEY, 'chatCentralSendOnceKey', 1000, false, 75)];
	if (sendOnceOnly) return sendOnce;
	// Per-contact order: a contact's next text waits for the answer to its last, 150 ms away
	const perContact = [
		row(DEFAULTS, 'chatCentral', 1000, false, 75),
		row(DEFAULTS, 'chatCentral', 1000, false, 75, 1, 10),
		row(COMPETING, 'chatCentral', 1000, true, 75),
		row(COMPETING, 'chatCentral', 1000, true, 75, 1, 10),
		row(DEFAULTS, 'chatCentral', 100, false, 75, 1, 100),
	];
	if (contactsOnly) return perContact;
	const rows: RowSpec[] = [
		row(DEFAULTS, 'chatCentral', 100),
		...distances,
		...sharing,
		sendOnce[1],
		...perContact.slice(1),
		row(NAIVE, 'naive', 100),
		row(NAIVE, 'naive', 1000),
		row(COMPETING, 'chatCentral', 100, true),
		row(COMPETING, 'chatCentral', 1000, true),
	];
	if (!quick) {
		rows.push(...big);
		rows.push(row(DEFAULTS, 'chatCentral', 10_000));
		// n8n's routing holds every item's context until the node ends: the baseline memory
		rows.push(row(NAIVE, 'naive', 10_000));
	}
	return rows;
}

function roundTripCell({ oneWayDelayMs }: RowSpec): string {
	return oneWayDelayMs === 0 ? '~1' : `${2 * oneWayDelayMs} + 0–${2 * DELAY_JITTER_MS}`;
}

/** Process k's (0-based) contacts: <prefix><i>, the prefix telling the processes apart when there are several. */
function contactPrefixOf(spec: RowSpec, k: number): string {
	if (spec.pacers > 0) return `${CONTACT_PREFIX}s${k + 1}-`;
	return spec.processes === 1 ? CONTACT_PREFIX : `${CONTACT_PREFIX}p${k + 1}-`;
}

const senderCount = (spec: RowSpec): number => (spec.pacers > 0 ? spec.pacers : spec.processes);
const itemsPerProcess = (spec: RowSpec): number => spec.n / spec.processes;

/** Each sender's contacts (one sender unless the row shares the token). */
function contactsBySender(spec: RowSpec): string[][] {
	const perSender = spec.n / senderCount(spec) / spec.messagesPerContact;
	return Array.from({ length: senderCount(spec) }, (_, k) =>
		Array.from({ length: perSender }, (_, index) => `${contactPrefixOf(spec, k)}${index + 1}`),
	);
}

function measure(sandbox: Sandbox, spec: RowSpec): RunMeasurement {
	return measureRun(sandbox, new Set(contactsBySender(spec).flat()), REQUESTS_PER_SECOND, spec.messagesPerContact);
}

function acceptedArrivals(sandbox: Sandbox, spec: RowSpec): number[] {
	const contacts = new Set(contactsBySender(spec).flat());
	return sandbox
		.requests()
		.filter((request) => request.status === 200 && contacts.has(contactOfRequest(request) ?? ''))
		.map((request) => request.receivedAt);
}

/** How K senders on one token shared it (rows with several processes or pacers). */
interface SharingFigures {
	/** From the last sender's first accepted message to the first sender's last one, in s. */
	allSendingS: number;
	/** Accepted in that span over 25 per second of it. */
	shareWhileAllSend: number;
	/** The least any sender got in that span over an even split of what was accepted in it. */
	leastOverFairShare: number;
	/** 429 answers over all requests of the row. */
	refusedShare: number;
}

function sharingFigures(sandbox: Sandbox, spec: RowSpec): SharingFigures | undefined {
	if (senderCount(spec) < 2) return undefined;
	const senderOf = new Map(contactsBySender(spec).flatMap((contacts, k) => contacts.map((contact) => [contact, k] as const)));
	const requests = sandbox.requests().filter((request) => senderOf.has(contactOfRequest(request) ?? ''));
	const accepted = requests.filter((request) => request.status === 200);
	const arrivalsBySender = Array.from({ length: senderCount(spec) }, (_, k) =>
		accepted.filter((request) => senderOf.get(contactOfRequest(request) ?? '') === k).map((request) => request.arrivedAtMs),
	);
	if (arrivalsBySender.some((arrivals) => arrivals.length === 0)) return undefined;
	const from = Math.max(...arrivalsBySender.map((arrivals) => Math.min(...arrivals)));
	const to = Math.min(...arrivalsBySender.map((arrivals) => Math.max(...arrivals)));
	const inSpan = (arrival: number) => arrival >= from && arrival <= to;
	const perSender = arrivalsBySender.map((arrivals) => arrivals.filter(inSpan).length);
	const total = perSender.reduce((sum, count) => sum + count, 0);
	const allSendingS = Math.max(0, to - from) / 1000;
	return {
		allSendingS,
		shareWhileAllSend: allSendingS === 0 ? 0 : total / (REQUESTS_PER_SECOND * allSendingS),
		leastOverFairShare: total === 0 ? 0 : Math.min(...perSender) / (total / senderCount(spec)),
		refusedShare: requests.length === 0 ? 0 : requests.filter((request) => request.status === 429).length / requests.length,
	};
}

function contactsCell({ n, messagesPerContact }: RowSpec): string {
	return messagesPerContact === 1 ? integer(n) : `${integer(n / messagesPerContact)} × ${integer(messagesPerContact)}`;
}

/** Never lets the channel token reach the console or the results file. */
function redact(text: string, token: string): string {
	return text.split(token).join('***');
}

interface ChildRun {
	result: BenchRowResult | undefined;
	pacers?: BenchPacersResult;
	failure: string | undefined;
}

/** One benchRow child sending `n` texts to <contactPrefix><i> (spec.messagesPerContact each); `onStart` when its workflow starts. */
async function runChild(spec: RowSpec, sandbox: Sandbox, n: number, contactPrefix: string, onStart: () => void): Promise<ChildRun> {
	const script =
		spec.pacers > 0
			? [join('dev', 'scripts', 'benchPacers.ts'), String(spec.pacers), String(n / spec.pacers), CONTACT_PREFIX]
			: [join('dev', 'scripts', 'benchRow.ts'), spec.kind, String(n), contactPrefix, String(spec.messagesPerContact)];
	const child = spawn(
		process.execPath,
		['--import', 'tsx', ...script],
		{
			cwd: REPO_ROOT,
			env: {
				...process.env,
				BENCH_BASE_URL: sandbox.baseUrl,
				BENCH_TOKEN: sandbox.token,
				BENCH_MAX_PER_SECOND: String(spec.maxPerSecond),
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let result: BenchRowResult | undefined;
	let pacersResult: BenchPacersResult | undefined;
	const otherOutput: string[] = [];
	const lines = createInterface({ input: child.stdout });
	lines.on('line', (line) => {
		let parsed: unknown;
		try {
			parsed = JSON.parse(line);
		} catch {
			otherOutput.push(line);
			return;
		}
		const event = (parsed as { event?: unknown }).event;
		if (event === 'start') onStart();
		else if (event === 'result' && spec.pacers > 0) pacersResult = parsed as BenchPacersResult;
		else if (event === 'result') result = parsed as BenchRowResult;
		else otherOutput.push(line);
	});
	child.stderr.on('data', (chunk: Buffer) => otherOutput.push(chunk.toString()));

	// A generous bound: the row should take N/25 seconds plus start-up.
	const limitMs = 120_000 + (spec.n / REQUESTS_PER_SECOND) * 3000;
	const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
	const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
		child.once('close', (code, signal) => done({ code, signal })),
	);
	clearTimeout(timer);

	let failure: string | undefined;
	if (pacersResult !== undefined && exit.code === 0) {
		// No n8n run to report: the messages the senders gave up on are the sandbox's lost ones
		return { result: undefined, pacers: pacersResult, failure: undefined };
	}
	if (result === undefined || exit.code !== 0) {
		const why = exit.signal === null ? `exit code ${exit.code}` : `signal ${exit.signal} (limit ${limitMs / 1000} s)`;
		failure = redact(`${why}: ${otherOutput.join('\n').trim().slice(-2000)}`, sandbox.token);
	}
	if (result?.workflowError !== undefined) result.workflowError = redact(result.workflowError, sandbox.token);
	return { result, failure };
}

/** A pacer row's child stands for all its senders: the row's numbers come from the sandbox alone. */
const pacersChild = (spec: RowSpec, pacers: BenchPacersResult): BenchRowResult => ({
	event: 'result',
	node: spec.kind,
	n: pacers.senders * pacers.perSender,
	peakRssMb: Number.NaN,
	rssBeforeRunMb: Number.NaN,
	runWallMs: Number.NaN,
	startedAt: Number.NaN,
	runCpuMs: Number.NaN,
	failedItems: pacers.gaveUp + pacers.mayHaveBeenDelivered,
	outputItems: Number.NaN,
	staticDataBytes: 0,
});

/** The row's children as one: the slowest run and largest memory, the items and errors of all. */
function mergedResults(results: BenchRowResult[]): BenchRowResult {
	const errors = results.flatMap(({ workflowError }) => (workflowError === undefined ? [] : [workflowError]));
	return {
		...results[0],
		n: results.reduce((sum, result) => sum + result.n, 0),
		peakRssMb: Math.max(...results.map((result) => result.peakRssMb)),
		rssBeforeRunMb: Math.max(...results.map((result) => result.rssBeforeRunMb)),
		runWallMs: Math.max(...results.map((result) => result.runWallMs)),
		startedAt: Math.min(...results.map((result) => result.startedAt)),
		runCpuMs: results.reduce((sum, result) => sum + result.runCpuMs, 0),
		failedItems: results.reduce((sum, result) => sum + result.failedItems, 0),
		outputItems: results.reduce((sum, result) => sum + result.outputItems, 0),
		staticDataBytes: Math.max(...results.map((result) => result.staticDataBytes)),
		...(errors.length === 0 ? {} : { workflowError: errors.join('; ') }),
	};
}

async function runRow(spec: RowSpec): Promise<RowOutcome> {
	const sandbox = await startSandbox({
		requestsPerSecond: REQUESTS_PER_SECOND,
		oneWayDelayMs: spec.oneWayDelayMs,
		delayJitterMs: spec.oneWayDelayMs === 0 ? 0 : DELAY_JITTER_MS,
	});
	let competitor: CompetingSender | undefined;
	const startCompetitor = (): void => {
		if (spec.competing && competitor === undefined) {
			competitor = sandbox.startCompetingSender({ requestsPerSecond: COMPETITOR_REQUESTS_PER_SECOND });
		}
	};
	try {
		const children = await Promise.all(
			Array.from({ length: spec.pacers > 0 ? 1 : spec.processes }, (_, k) =>
				runChild(spec, sandbox, itemsPerProcess(spec), contactPrefixOf(spec, k), startCompetitor),
			),
		);
		const competitorSummary = competitor === undefined ? undefined : await competitor.stop();
		const failures = children.flatMap(({ failure }) => (failure === undefined ? [] : [failure]));
		const results = children.flatMap(({ result, pacers }) =>
			pacers !== undefined ? [pacersChild(spec, pacers)] : result === undefined ? [] : [result],
		);
		return {
			spec,
			sharing: sharingFigures(sandbox, spec),
			acceptedAt: acceptedArrivals(sandbox, spec),
			child: failures.length === 0 ? mergedResults(results) : undefined,
			childFailure: failures.length === 0 ? undefined : failures.join('\n'),
			competitor: competitorSummary,
			...measure(sandbox, spec),
		};
	} finally {
		await sandbox.close();
	}
}

const integer = (value: number): string => value.toLocaleString('en-US');

interface Footnotes {
	capped: string[];
}

function shareCell(outcome: RowOutcome, footnotes: Footnotes): string {
	const { shareOfLimit } = outcome;
	if (shareOfLimit === undefined) return outcome.lost > 0 ? '— (lost)' : '—';
	const percent = shareOfLimit * 100;
	// Timer and clock granularity can put a run a hair under its physical minimum.
	if (percent > 100 && percent <= 101) {
		footnotes.capped.push(`${outcome.spec.label}, N = ${integer(outcome.spec.n)}: computed ${percent.toFixed(2)} %`);
		return '100 % ¹';
	}
	return `${percent.toFixed(1)} %`;
}

/** Accepted arrivals of the row's contacts (Date.now() of the sandbox). */
function acceptedAt(outcome: RowOutcome): number[] {
	return outcome.acceptedAt ?? [];
}

/** The run's start → its first accepted message reaching the sandbox. */
function firstMessageCell(outcome: RowOutcome): string {
	const accepted = acceptedAt(outcome);
	const startedAt = outcome.child?.startedAt;
	if (startedAt === undefined || Number.isNaN(startedAt) || accepted.length === 0) return '—';
	return ((Math.min(...accepted) - startedAt) / 1000).toFixed(2);
}

/** (⌈N/25⌉ − 1) s over the run's start → the last accepted message, when none was lost. */
function wallShareCell(outcome: RowOutcome): string {
	const accepted = acceptedAt(outcome);
	const startedAt = outcome.child?.startedAt;
	if (startedAt === undefined || Number.isNaN(startedAt) || outcome.lost > 0 || accepted.length === 0) return '—';
	return ((Math.ceil(outcome.spec.n / REQUESTS_PER_SECOND) - 1) / ((Math.max(...accepted) - startedAt) / 1000)).toFixed(3);
}

function tableRow(outcome: RowOutcome, footnotes: Footnotes): string {
	const { spec, child } = outcome;
	const cells = [
		spec.label,
		roundTripCell(spec),
		integer(spec.n),
		contactsCell(spec),
		integer(outcome.delivered),
		integer(outcome.duplicates),
		integer(outcome.lost),
		integer(outcome.outOfOrder),
		integer(outcome.refused429),
		outcome.sendWindowS === undefined ? '—' : outcome.sendWindowS.toFixed(2),
		shareCell(outcome, footnotes),
		firstMessageCell(outcome),
		wallShareCell(outcome),
		child === undefined || Number.isNaN(child.runCpuMs) ? '—' : (child.runCpuMs / spec.n).toFixed(2),
		child === undefined || Number.isNaN(child.peakRssMb) ? '—' : child.peakRssMb.toFixed(1),
	];
	return `| ${cells.join(' | ')} |`;
}

function sharingRow(outcome: RowOutcome, footnotes: Footnotes): string {
	const { spec, sharing } = outcome;
	const percent = (value: number | undefined) => (value === undefined ? '—' : `${(value * 100).toFixed(1)} %`);
	const cells = [
		spec.label,
		integer(spec.n),
		integer(outcome.delivered),
		integer(outcome.duplicates),
		integer(outcome.lost),
		integer(outcome.refused429),
		percent(sharing?.refusedShare),
		shareCell(outcome, footnotes),
		sharing === undefined ? '—' : sharing.allSendingS.toFixed(2),
		percent(sharing?.shareWhileAllSend),
		sharing === undefined ? '—' : sharing.leastOverFairShare.toFixed(2),
	];
	return `| ${cells.join(' | ')} |`;
}

function detailRow({ spec, child, childFailure }: RowOutcome): string {
	if (child === undefined) return `| ${spec.label} | ${integer(spec.n)} | — | — | — | — | child failed: ${childFailure ?? 'no result'} |`;
	if (spec.pacers > 0) return `| ${spec.label} | ${integer(spec.n)} | — | — | — | — | ${child.failedItems > 0 ? `${integer(child.failedItems)} given up or may have been delivered` : 'none'} |`;
	const failures = [
		child.workflowError === undefined ? undefined : `workflow stopped: "${child.workflowError}"`,
		child.failedItems > 0 ? `${integer(child.failedItems)} failed items` : undefined,
		childFailure,
	].filter((part) => part !== undefined);
	return `| ${spec.label} | ${integer(spec.n)} | ${(child.runWallMs / 1000).toFixed(2)} | ${child.rssBeforeRunMb.toFixed(1)} | ${integer(child.outputItems)} | ${integer(child.staticDataBytes)} | ${failures.length === 0 ? 'none' : failures.join('; ')} |`;
}

function n8nCoreVersion(): string {
	const packageJson = JSON.parse(readFileSync(require.resolve('n8n-core/package.json'), 'utf8')) as { version?: string };
	return packageJson.version ?? 'unknown';
}

function markdown(outcomes: RowOutcome[], runKind: string, startedAt: Date, totalS: number): string {
	const cpu = cpus();
	const footnotes: Footnotes = { capped: [] };
	const rows = outcomes.map((outcome) => tableRow(outcome, footnotes));
	const lines = [
		`## ChatCentral node benchmark: n8n-core WorkflowExecute against the local sandbox (${REQUESTS_PER_SECOND} requests/s per token)`,
		'',
		`Date: ${startedAt.toISOString()} · machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores · Node ${process.version} · n8n-core ${n8nCoreVersion()} · ${runKind}, ${totalS.toFixed(0)} s in all`,
		'',
		'| node | round trip ms | N | contacts × texts | delivered | duplicates | lost | contacts out of order | 429s | send window s | share of limit | first message s | wall share | CPU ms per item | peak RSS MB |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
		...rows,
		'',
		`Each row: one workflow run of N items (Send Text to N distinct contacts, \`={{ $json.contactId }}\`, or where \`contacts × texts\` says so to fewer contacts, each text numbered "#1 …", "#2 …" and the items interleaved: every contact's #1, then every #2, …), On Error left at Stop Workflow, in a fresh child process; a fresh sandbox per row. ` +
			'Where a row says "k processes on one token": k children at once, N/k items each (each with its own pacer, knowing nothing of the others, as queue-mode workers without n8n\'s queue); peak RSS and run wall are the largest child\'s. ' +
			'`round trip`: the sandbox plays ChatCentral that far away (half each way, each trip up to ' +
			`${DELAY_JITTER_MS} ms longer at random; its rate window counts a request when it arrives); ` +
			'`delivered`: distinct accepted messages to the run\'s contacts; `duplicates`: accepted again beyond the first of each; `lost`: N − delivered; `contacts out of order`: contacts whose texts the sandbox accepted in another order than their numbers; ' +
			'`429s`: the sandbox\'s 429 answers to the run\'s requests; `send window`: first request arrival → last accepted arrival (sandbox clock); ' +
			`\`share of limit\`: (ceil(N/${REQUESTS_PER_SECOND}) − 1) s, the physical minimum at ${REQUESTS_PER_SECOND}/s, over the send window (not meaningful when messages were lost); ` +
			'`first message`: the workflow\'s start (its upstream node takes no time) → the first accepted message reaching the sandbox; ' +
			`\`wall share\`: (ceil(N/${REQUESTS_PER_SECOND}) − 1) s over the workflow's start → the last accepted message; ` +
			'`CPU ms per item`: the child\'s CPU time (user + system) over the run, over N (all children together where several share the token); ' +
			'`peak RSS`: the child\'s `process.resourceUsage().maxRSS` (engine, node and harness; not the sandbox). ' +
			'Rows "K senders on one token (pacers)": one child runs K of the node\'s pacers, each with the node\'s retry rule and N/K texts, without n8n (dev/scripts/benchPacers.ts): `lost` counts what they gave up on after a minute of 429s; with "Max Requests per Second m", each pacer\'s maximum is m (the fixed share ceil(25 / K)).',
	];
	const shared = outcomes.filter((outcome) => outcome.sharing !== undefined);
	if (shared.length > 0) {
		lines.push(
			'',
			'Sharing one token:',
			'',
			'| senders | N | delivered | duplicates | lost | 429s | 429s per request | share of limit | all sending s | share while all send | least sender / even share |',
			'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
			...shared.map((outcome) => sharingRow(outcome, footnotes)),
			'',
			'`all sending`: from the last sender\'s first accepted message to the first sender\'s last (sandbox clock); `share while all send`: the messages accepted then over 25 per second of it; ' +
				'`least sender / even share`: what the sender that got least then got, over an even split of what was accepted then (1 = even; the target is at least 0.5).',
		);
	}
	if (footnotes.capped.length > 0) {
		lines.push('', `¹ Shown as 100 %: above it only through timer/clock rounding (${footnotes.capped.join('; ')}).`);
	}
	const competing = outcomes.filter((outcome) => outcome.spec.competing);
	if (competing.length > 0) {
		lines.push('', `Competing sender: another app on the same token at ${COMPETITOR_REQUESTS_PER_SECOND} requests/s from just before the workflow starts until the row's process exits (its 429s are not retried and not in the table). While it sends, the node's part of the token is at most ${REQUESTS_PER_SECOND - COMPETITOR_REQUESTS_PER_SECOND}/${REQUESTS_PER_SECOND} = ${(((REQUESTS_PER_SECOND - COMPETITOR_REQUESTS_PER_SECOND) / REQUESTS_PER_SECOND) * 100).toFixed(0)} % of the limit:`);
		for (const { spec, competitor } of competing) {
			lines.push(
				competitor === undefined
					? `- N = ${integer(spec.n)}: did not start`
					: `- N = ${integer(spec.n)}: sent ${integer(competitor.sent)}, accepted ${integer(competitor.accepted)}, refused (429) ${integer(competitor.refused)}`,
			);
		}
	}
	lines.push(
		'',
		'Per-row details from the child:',
		'',
		'| node | N | run wall s | RSS before run MB | output items | static data bytes | errors |',
		'|---|---:|---:|---:|---:|---:|---|',
		...outcomes.map(detailRow),
	);
	if (runKind !== FULL_RUN) lines.push('', 'Rows were skipped: run `npm run bench` without flags for all of them, with the 10,000-item rows (memory; about 7 minutes more).');
	return `${lines.join('\n')}\n`;
}

const FULL_RUN = 'full run';

async function main(): Promise<void> {
	const flags = process.argv.slice(2);
	const distancesOnly = flags.includes('--distances');
	const pacersOnly = flags.includes('--pacers-only');
	const sharingOnly = flags.includes('--sharing');
	const contactsOnly = flags.includes('--contacts');
	const quick = flags.includes('--quick');
	const sendOnceOnly = flags.includes('--send-once');
	const bigOnly = flags.includes('--big');
	const listAfter = (flag: string): number[] | undefined => {
		const index = flags.indexOf(flag);
		return index < 0 ? undefined : (flags[index + 1] ?? '').split(',').map(Number).filter((value) => Number.isInteger(value) && value > 0);
	};
	const senders = listAfter('--senders') ?? DEFAULT_SENDERS;
	const onlyN = listAfter('--n');
	const specs = rowSpecs({ quick, distancesOnly, sharingOnly, sendOnceOnly, contactsOnly, bigOnly, senders, pacersOnly }).filter(
		(spec) => onlyN === undefined || onlyN.includes(spec.n),
	);
	const runKind = bigOnly
		? 'big runs only (`--big`)'
		: distancesOnly
		? 'distance rows only (`--distances`)'
		: sendOnceOnly
			? 'rows with and without a Send Once Key only (`--send-once`)'
			: pacersOnly
				? `pacer rows only (\`--pacers-only\`, senders ${senders.join(', ')})`
				: sharingOnly
				? `rows sharing a token only (\`--sharing\`, senders ${senders.join(', ')})`
				: contactsOnly
					? 'rows of several texts per contact and their twins only (`--contacts`)'
					: quick
						? 'quick run (`--quick`)'
						: FULL_RUN;
	const startedAt = new Date();
	const outcomes: RowOutcome[] = [];
	for (const [index, spec] of specs.entries()) {
		process.stderr.write(`[${index + 1}/${specs.length}] ${spec.label}, ${roundTripCell(spec)} ms, N = ${integer(spec.n)} (${contactsCell(spec)}) … `);
		const rowStartedAt = Date.now();
		const outcome = await runRow(spec);
		outcomes.push(outcome);
		process.stderr.write(
			`${((Date.now() - rowStartedAt) / 1000).toFixed(1)} s: delivered ${integer(outcome.delivered)}, lost ${integer(outcome.lost)}, duplicates ${integer(outcome.duplicates)}${outcome.childFailure === undefined ? '' : ' (child failed)'}\n`,
		);
	}
	const report = markdown(outcomes, runKind, startedAt, (Date.now() - startedAt.getTime()) / 1000);
	mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
	writeFileSync(RESULTS_FILE, report);
	console.log(`\n${report}`);
	console.log(`Written to ${RESULTS_FILE}`);

	const failed = outcomes.filter(
		(outcome) =>
			outcome.child === undefined ||
			(outcome.spec.kind !== 'naive' && (outcome.lost > 0 || outcome.duplicates > 0 || outcome.outOfOrder > 0)),
	);
	if (failed.length > 0) {
		console.error(
			`FAILED: ${failed.map(({ spec }) => `${spec.label}, N = ${integer(spec.n)}`).join('; ')} (a ChatCentral-node row lost, duplicated or reordered messages, or a row did not complete)`,
		);
		process.exitCode = 1;
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
