import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

/** An item's place among the messages of its run to the same contact. */
interface ContactTurn {
	/** Settles once every earlier message of the run to this contact has had its answer (or failed for good). */
	earlierAnswered: Promise<void>;
	/** Lets the next message to this contact go: this one has its answer, failed for good, or is not sent. */
	pass: () => void;
}

interface RunTurns {
	/** The last turn handed out per contact ID: it settles when that message and all before it are done. */
	lastDone: Map<string, Promise<void>>;
	itemsWithTurns: Set<number>;
}

// One entry per node run, keyed by the run's execute data (shared by all its items). The node
// setting Retry On Fail runs the node again with the same execute data: see runTurnsOf.
const runs = new WeakMap<object, RunTurns>();
// The request n8n's routing carries from an item's preSend to its request operation (sendMessage).
const turns = new WeakMap<IHttpRequestOptions, ContactTurn>();

function runTurnsOf(context: Pick<IExecuteSingleFunctions, 'getExecuteData' | 'getItemIndex'>): RunTurns {
	const key = context.getExecuteData();
	const existing = runs.get(key);
	// An item that already has a turn means an earlier try of this run is over (Retry On Fail).
	if (existing !== undefined && !existing.itemsWithTurns.has(context.getItemIndex())) return existing;
	const run: RunTurns = { lastDone: new Map(), itemsWithTurns: new Set() };
	runs.set(key, run);
	return run;
}

/**
 * Gives the item's message its place in line behind the run's earlier messages to `contactId`.
 * To be called in item order: n8n's routing runs every item's preSend, up to its first await, in
 * item order before any request leaves, so this is called there, before any await.
 */
export function takeContactTurn(
	context: Pick<IExecuteSingleFunctions, 'getExecuteData' | 'getItemIndex'>,
	requestOptions: IHttpRequestOptions,
	contactId: string,
): void {
	const run = runTurnsOf(context);
	run.itemsWithTurns.add(context.getItemIndex());
	const earlierAnswered = run.lastDone.get(contactId) ?? Promise.resolve();
	let pass: () => void = () => {};
	const passed = new Promise<void>((resolve) => (pass = resolve));
	// An item that passes early (not sent) still holds the next one until the ones before it are done
	run.lastDone.set(
		contactId,
		Promise.all([earlierAnswered, passed]).then(() => undefined),
	);
	turns.set(requestOptions, { earlierAnswered, pass });
}

/** The item makes no request (it failed its checks, or is held back): the next message to its contact need not wait for it. */
export function passContactTurn(requestOptions: IHttpRequestOptions): void {
	turns.get(requestOptions)?.pass();
}

/**
 * Sends the item's message once the run's earlier messages to the same contact were answered,
 * so ChatCentral accepts them in item order whatever 429s, retries and distance do; `send` ends
 * with the answer (after its own retries) or fails for good. Either way the next message to the
 * contact goes then: a message that failed for good is reported on its item, and holding the later
 * ones back would turn one failure into several lost messages. An item without a turn (Send and
 * Wait's one message) goes at once.
 */
export async function inContactTurn<T>(requestOptions: IHttpRequestOptions, send: () => Promise<T>): Promise<T> {
	const turn = turns.get(requestOptions);
	if (turn === undefined) return await send();
	try {
		await turn.earlierAnswered;
		return await send();
	} finally {
		turn.pass();
	}
}
