/**
 * A connection failure in place of a normal answer, to show what a client sees when the network
 * or the server fails before the API acted on the message, after it did, or while it answers late:
 * - dropBeforeBody: the socket is destroyed as soon as the headers arrive; nothing is processed.
 * - dropAfterBody: the request is processed (a valid message IS accepted and recorded), then the
 *   socket is destroyed without an answer, as by a server that crashed after committing.
 * - delayAnswer: the request is processed and recorded at once, its answer held for `ms`.
 */
export type SandboxFault = { kind: 'dropBeforeBody' } | { kind: 'dropAfterBody' } | { kind: 'delayAnswer'; ms: number };

export function assertValidFault(fault: SandboxFault): void {
	switch (fault.kind) {
		case 'dropBeforeBody':
		case 'dropAfterBody':
			return;
		case 'delayAnswer':
			if (!Number.isFinite(fault.ms) || fault.ms < 0) throw new Error('delayAnswer.ms must be a finite number ≥ 0');
			return;
		default:
			throw new Error(`Unknown fault kind ${JSON.stringify((fault as { kind: unknown }).kind)}`);
	}
}
