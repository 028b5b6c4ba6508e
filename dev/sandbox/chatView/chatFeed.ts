import type { Channel } from '../channel';
import type { Delivery } from '../messageRecord';
import { contactOfRequest } from '../requestContact';
import type { SandboxRequest } from '../requestLog';

/** A message the sandbox accepted, as the chat view shows it. */
export interface ChatMessageItem {
	kind: 'message';
	/** 1, 2, 3 ... over messages and rejections together, in the order they happened. */
	id: number;
	/** The accepted message's sequence, as in Sandbox.accepted(). */
	sequence: number;
	receivedAt: number;
	channel: Channel;
	contactId: string;
	/** body[0] as received: { type: 'text', text } | { type, url } | { type: 'quick_reply', title, replies }. */
	element: Record<string, unknown>;
	forceCancelSurvey: boolean;
}

/** A request the sandbox answered with anything but 200, or whose connection it dropped (status 0). */
export interface ChatRejectedItem {
	kind: 'rejected';
	id: number;
	receivedAt: number;
	channel: Channel | null;
	/** The contact the request was for, when it carried a valid token and a decodable contact segment. */
	contactId: string | null;
	method: string;
	path: string;
	status: number;
	message: string;
}

export type ChatItem = ChatMessageItem | ChatRejectedItem;

export interface ChatCounts {
	accepted: number;
	rejected: number;
}

export interface ChatSnapshot {
	baseUrl: string;
	counts: ChatCounts;
	/** The latest MAX_ITEMS items, oldest first. */
	items: ChatItem[];
}

export type ChatFeedEvent = { type: 'item'; item: ChatItem; counts: ChatCounts } | { type: 'reset' };

/** The view keeps the latest items only, so a long competing-sender run cannot grow it without bound. */
export const MAX_ITEMS = 2000;

const REDACTED = '[token]';

/**
 * What the chat view shows: the accepted messages and the rejected requests, in the order
 * they happened, with every occurrence of a channel token replaced by '[token]'.
 */
export class ChatFeed {
	baseUrl = '';
	private items: ChatItem[] = [];
	private nextId = 1;
	private counts: ChatCounts = { accepted: 0, rejected: 0 };
	private readonly listeners = new Set<(event: ChatFeedEvent) => void>();

	constructor(private readonly secrets: readonly string[]) {}

	addAccepted(delivery: Delivery): void {
		const element = delivery.payload.body[0];
		this.counts.accepted++;
		this.push({
			kind: 'message',
			id: this.nextId++,
			sequence: this.counts.accepted,
			receivedAt: Date.now(),
			channel: delivery.channel,
			contactId: delivery.contactId,
			element: structuredClone(element),
			forceCancelSurvey: delivery.payload.forceCancelSurvey === true,
		});
	}

	addRequest(request: SandboxRequest): void {
		if (request.status === 200) return;
		this.counts.rejected++;
		this.push({
			kind: 'rejected',
			id: this.nextId++,
			receivedAt: request.receivedAt,
			channel: request.channel,
			contactId: contactOfRequest(request),
			method: request.method,
			path: request.path,
			status: request.status,
			message: request.message,
		});
	}

	snapshot(): ChatSnapshot {
		return { baseUrl: this.baseUrl, counts: { ...this.counts }, items: structuredClone(this.items) };
	}

	subscribe(listener: (event: ChatFeedEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	clear(): void {
		this.items = [];
		this.nextId = 1;
		this.counts = { accepted: 0, rejected: 0 };
		this.emit({ type: 'reset' });
	}

	private push(item: ChatItem): void {
		const redacted = this.redact(item);
		this.items.push(redacted);
		if (this.items.length > MAX_ITEMS) this.items.splice(0, this.items.length - MAX_ITEMS);
		this.emit({ type: 'item', item: redacted, counts: { ...this.counts } });
	}

	private emit(event: ChatFeedEvent): void {
		for (const listener of this.listeners) listener(event);
	}

	private redact<T>(value: T): T {
		if (typeof value === 'string') {
			return this.secrets.reduce((text: string, secret) => text.split(secret).join(REDACTED), value) as T;
		}
		if (Array.isArray(value)) return value.map((entry: unknown) => this.redact(entry)) as T;
		if (typeof value === 'object' && value !== null) {
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [this.redact(key), this.redact(entry)]),
			) as T;
		}
		return value;
	}
}

