// A Send and Wait message as the sandbox received it, and following its links as a person (a
// browser's User-Agent) or as a chat app's link preview: shared by the send-and-wait and Human
// review e2e tests and by `npm run demo`.

import type { Sandbox } from '../../dev/sandbox/server';

export const BROWSER_USER_AGENT =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const LINK_PREVIEW_USER_AGENT = 'WhatsApp/2.23.20.0 A';

export interface SendAndWaitMessage {
	contactId: string;
	question: string;
	/** Each answer link by its label, in the order of the message. */
	links: Array<{ label: string; url: string }>;
}

/** Splits a Send and Wait text: the question, a blank line, then one "label: link" line per answer. */
export function parseSendAndWaitText(contactId: string, text: string): SendAndWaitMessage {
	const at = text.lastIndexOf('\n\n');
	const lines = text.slice(at + 2).split('\n');
	return {
		contactId,
		question: text.slice(0, at),
		links: lines.map((line) => {
			const colon = line.lastIndexOf(': http');
			return { label: line.slice(0, colon), url: line.slice(colon + 2) };
		}),
	};
}

/** Waits until the sandbox has accepted `count` messages (the workflow runs on after its webhook answered). */
export async function acceptedMessages(sandbox: Sandbox, count: number, limitMs = 60_000) {
	const deadline = performance.now() + limitMs;
	while (sandbox.accepted().length < count) {
		if (performance.now() > deadline) throw new Error(`the sandbox accepted ${sandbox.accepted().length} messages, not ${count}, in ${limitMs / 1000} s`);
		await new Promise((done) => setTimeout(done, 100));
	}
	return sandbox.accepted();
}

/** The latest text the sandbox accepted, read as a Send and Wait message. */
export function lastSendAndWaitMessage(sandbox: Sandbox): SendAndWaitMessage {
	const message = sandbox.accepted().at(-1);
	const element = message?.payload.body[0] as { type?: string; text?: string } | undefined;
	if (message === undefined || element?.type !== 'text' || typeof element.text !== 'string') throw new Error('no text accepted');
	return parseSendAndWaitText(message.contactId, element.text);
}

/** Opens a link as `userAgent` would (GET, or POST with a form body); returns the status and the page. */
export async function followLink(
	url: string,
	{ userAgent = BROWSER_USER_AGENT, form }: { userAgent?: string; form?: Record<string, string> } = {},
): Promise<{ status: number; html: string }> {
	const response = await fetch(url, {
		method: form === undefined ? 'GET' : 'POST',
		headers: {
			'user-agent': userAgent,
			...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
		},
		body: form === undefined ? undefined : new URLSearchParams(form).toString(),
		redirect: 'manual',
	});
	return { status: response.status, html: await response.text() };
}
