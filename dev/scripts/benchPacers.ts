// K senders on one token in one process, for `npm run bench -- --sharing` (dev/scripts/bench.ts):
// each is the node's pacer (RequestPacer, as a queue-mode worker or another n8n instance has its
// own) with the node's retry rule (triesThroughPacer: a 429 frees the slot, the item waits its
// backoff and asks again in its place, within RETRY_BUDGET_MS), sending M texts to contacts
// <prefix>s<k>-<i> at once, without n8n's engine: what sharing a token costs as K grows, apart
// from n8n's own load. Usage:
//   BENCH_BASE_URL=... BENCH_TOKEN=... node --import tsx dev/scripts/benchPacers.ts <K> <M> [prefix]
// BENCH_MAX_PER_SECOND=<n> sets every pacer's maximum, as the credential's Max Requests per Second
// does (default 25).
// Prints one JSON line { event: 'result', senders, perSender, gaveUp, mayHaveBeenDelivered }. The
// token is never printed.

import { Agent, request } from 'node:http';

import { triesThroughPacer } from '../../nodes/ChatCentral/delivery/triesThroughPacer';
import { DEFAULT_MAX_REQUESTS_PER_SECOND } from '../../nodes/ChatCentral/pacing/pacerForToken';
import { RequestPacer } from '../../nodes/ChatCentral/pacing/RequestPacer';

export interface BenchPacersResult {
	event: 'result';
	senders: number;
	perSender: number;
	/** Messages a sender gave up on after RETRY_BUDGET_MS of 429s (the node would fail their items). */
	gaveUp: number;
	/** Messages whose connection broke after they went out: the node reports them, never sends them again. */
	mayHaveBeenDelivered: number;
}

type Outcome = 'accepted' | 'gaveUp' | 'mayHaveBeenDelivered';

/** The answer's status, or the connection error's code. */
interface Answer {
	status?: number;
	code?: string;
}

/** One POST on the sender's own connections (each sender stands for one n8n process). */
async function post(agent: Agent, url: URL, token: string, body: string): Promise<Answer> {
	return await new Promise((resolve) => {
		const outgoing = request(
			url,
			{ agent, method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } },
			(response) => {
				response.resume();
				response.on('end', () => resolve({ status: response.statusCode }));
				response.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? 'ERESPONSE' }));
			},
		);
		outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? 'EREQUEST' }));
		outgoing.end(body);
	});
}

async function sendOne(baseUrl: string, token: string, pacer: RequestPacer, agent: Agent, contact: string): Promise<Outcome> {
	const url = new URL(`${baseUrl}/v1/message/sendContent/${encodeURIComponent(contact)}`);
	const body = JSON.stringify({ body: [{ type: 'text', text: `Hi ${contact}` }] });
	const end = await triesThroughPacer(
		pacer,
		undefined,
		async () => {
			const answer = await post(agent, url, token, body);
			if (answer.status === undefined || answer.status >= 300) throw answer;
		},
		(failure) => {
			const { status, code } = failure as Answer;
			return { status, connectionErrorCode: code };
		},
	);
	if ('sent' in end) return 'accepted';
	return end.kind === 'gaveUp' ? 'gaveUp' : 'mayHaveBeenDelivered';
}

async function main(): Promise<void> {
	const [k, m, prefix = 'bench-'] = process.argv.slice(2);
	const senders = Number(k);
	const perSender = Number(m);
	const { BENCH_BASE_URL: baseUrl, BENCH_TOKEN: token } = process.env;
	if (!Number.isInteger(senders) || senders < 1 || !Number.isInteger(perSender) || perSender < 1 || !baseUrl || !token) {
		throw new Error('Usage: benchPacers.ts <K> <M> [prefix], with BENCH_BASE_URL and BENCH_TOKEN set');
	}
	const maxPerSecond = Number(process.env.BENCH_MAX_PER_SECOND ?? DEFAULT_MAX_REQUESTS_PER_SECOND);
	if (!Number.isInteger(maxPerSecond) || maxPerSecond < 1 || maxPerSecond > DEFAULT_MAX_REQUESTS_PER_SECOND) {
		throw new Error(`BENCH_MAX_PER_SECOND must be a whole number from 1 to ${DEFAULT_MAX_REQUESTS_PER_SECOND}`);
	}
	process.stdout.write(`${JSON.stringify({ event: 'start' })}\n`);
	const outcomes = await Promise.all(
		Array.from({ length: senders }, async (_, sender) => {
			const pacer = new RequestPacer(maxPerSecond);
			const agent = new Agent({ keepAlive: true });
			const contacts = Array.from({ length: perSender }, (__, index) => `${prefix}s${sender + 1}-${index + 1}`);
			const sent = await Promise.all(contacts.map(async (contact) => await sendOne(baseUrl, token, pacer, agent, contact)));
			agent.destroy();
			return sent;
		}),
	);
	const all = outcomes.flat();
	const result: BenchPacersResult = {
		event: 'result',
		senders,
		perSender,
		gaveUp: all.filter((outcome) => outcome === 'gaveUp').length,
		mayHaveBeenDelivered: all.filter((outcome) => outcome === 'mayHaveBeenDelivered').length,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
