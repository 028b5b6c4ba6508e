import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Channel } from './channel';

export interface MessagePayload {
	body: [Record<string, unknown>];
	forceCancelSurvey?: true;
}

export interface AcceptedMessage {
	/** 1, 2, 3 ... in acceptance order. */
	sequence: number;
	/** Date.now() when accepted. */
	receivedAt: number;
	/** Which channel's token sent it; the token itself is never stored. */
	channel: Channel;
	/** The contact ID as the user meant it: percent-decoded, and for Viber Base64-decoded. */
	contactId: string;
	/** The raw path segment exactly as it arrived (still percent-encoded). */
	contactSegment: string;
	/** The JSON body as received. */
	payload: MessagePayload;
}

export type Delivery = Omit<AcceptedMessage, 'sequence' | 'receivedAt'>;

/**
 * The messages accepted so far, in memory and, when a file is given, as JSON lines in that
 * file. The file always holds exactly the messages in memory: it starts empty and is
 * emptied by clear(). Writes are synchronous so the file is complete before the answer goes out.
 */
export class MessageRecord {
	private messages: AcceptedMessage[] = [];

	constructor(private readonly file?: string) {
		if (file === undefined) return;
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, '');
	}

	accept(delivery: Delivery): void {
		const message: AcceptedMessage = {
			sequence: this.messages.length + 1,
			receivedAt: Date.now(),
			...delivery,
		};
		this.messages.push(message);
		if (this.file !== undefined) appendFileSync(this.file, `${JSON.stringify(message)}\n`);
	}

	list(): AcceptedMessage[] {
		return structuredClone(this.messages);
	}

	clear(): void {
		this.messages = [];
		if (this.file !== undefined) writeFileSync(this.file, '');
	}
}
