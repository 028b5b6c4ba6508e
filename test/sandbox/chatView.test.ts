import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { launchChromium, newIsolatedContext } from '../browser/launchChromium';
import { sendContent, textMessage } from './sandboxClient';

// Launching Chromium on a 2-core machine can take several seconds.
jest.setTimeout(60_000);

const WAIT = { timeout: 10_000 };

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	sandbox = await startSandbox({ requestsPerSecond: 10_000 });
	browser = await launchChromium();
	context = await newIsolatedContext(browser, sandbox.chatViewUrl);
});
beforeEach(async () => {
	sandbox.reset();
	page = await context.newPage();
	await page.goto(sandbox.chatViewUrl);
	await page.waitForSelector('body[data-ready]', WAIT);
});
afterEach(() => page.close());
afterAll(async () => {
	await browser?.close();
	await sandbox?.close();
});

const viberSegment = (contactId: string) => encodeURIComponent(Buffer.from(contactId, 'utf8').toString('base64'));
const conversation = (contactId: string, channel = 'standard') =>
	`[data-contact="${contactId}"][data-channel="${channel}"]`;

/**
 * Waits until the DOM has exactly `count` elements matching `selector`. Polled from here: a
 * string predicate polled in the page is evaluated with eval, which the page's CSP forbids.
 */
async function waitForCount(selector: string, count: number): Promise<void> {
	const deadline = Date.now() + WAIT.timeout;
	while ((await page.locator(selector).count()) !== count) {
		if (Date.now() > deadline) throw new Error(`${selector}: ${await page.locator(selector).count()} elements, not ${count}, after ${WAIT.timeout} ms`);
		await new Promise((done) => setTimeout(done, 50));
	}
}

async function headerCount(name: 'accepted' | 'rejected'): Promise<string | null> {
	return page.locator(`[data-count="${name}"] b`).textContent();
}

test('serves one self-contained page at / that sends no API request of its own', async () => {
	const response = await fetch(sandbox.chatViewUrl);
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
	const html = await response.text();
	expect(html).toContain('<title>ChatCentral sandbox</title>');
	expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
	expect(sandbox.chatViewUrl).toBe(new URL(sandbox.baseUrl).origin + '/');
	// The page and its event stream are not API requests.
	expect(sandbox.requests()).toEqual([]);
	expect(await page.locator('#base-url').textContent()).toBe(sandbox.baseUrl);
	expect(await page.locator('.empty').textContent()).toContain('No messages yet');
});

test('shows every message type live, one conversation per contact, in order', async () => {
	const url = 'https://cdn.example.com/media';
	const sends = [
		['alice', textMessage('Hello Alice!')],
		['alice', textMessage('<b>x</b> & <script>alert(1)</script>')],
		['alice', { body: [{ type: 'image', url: `${url}/cat.png` }] }],
		['bob', { body: [{ type: 'video', url: `${url}/tour.mp4` }] }],
		['bob', { body: [{ type: 'audio', url: `${url}/note.mp3` }] }],
		['alice', { body: [{ type: 'file', url: `${url}/invoice-42.pdf` }] }],
		['bob', { body: [{ type: 'quick_reply', title: 'Pick one', replies: ['Yes', 'No', '<i>Maybe</i>'] }], forceCancelSurvey: true }],
	] as const;
	for (const [contact, payload] of sends) expect((await sendContent(sandbox, contact, payload)).status).toBe(200);
	const viber = await sendContent(sandbox, viberSegment('carol@viber'), textMessage('Hi on Viber'), {
		token: sandbox.viberToken,
	});
	expect(viber.status).toBe(200);

	await waitForCount('[data-message-type]', 8);
	expect(await page.locator('[data-contact]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-contact')))).toEqual(
		['alice', 'bob', 'carol@viber'],
	);
	const typesOf = (selector: string) =>
		page.locator(`${selector} [data-message-type]`).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-message-type')));
	expect(await typesOf(conversation('alice'))).toEqual(['text', 'text', 'image', 'file']);
	expect(await typesOf(conversation('bob'))).toEqual(['video', 'audio', 'quick_reply']);
	expect(await typesOf(conversation('carol@viber', 'viber'))).toEqual(['text']);
	expect(await page.locator(`${conversation('carol@viber', 'viber')} .channel`).textContent()).toBe('Viber');
	expect(await page.locator(`${conversation('alice')} .channel`).textContent()).toBe('Standard');

	// User text is shown literally, never parsed as HTML.
	const texts = page.locator(`${conversation('alice')} [data-message-type="text"] .text`);
	expect(await texts.allTextContents()).toEqual(['Hello Alice!', '<b>x</b> & <script>alert(1)</script>']);
	expect(await page.locator('#conversations b, #conversations i, #conversations script').count()).toBe(0);

	const image = page.locator(`${conversation('alice')} [data-message-type="image"] img`);
	expect(await image.getAttribute('src')).toBe(`${url}/cat.png`);
	expect(await image.getAttribute('alt')).toBe('Image attachment: cat.png');
	expect(await page.locator(`${conversation('alice')} [data-message-type="image"] a`).getAttribute('href')).toBe(`${url}/cat.png`);
	// The network is closed: the image fails and shows its placeholder, the URL stays visible.
	await page.waitForSelector(`${conversation('alice')} [data-message-type="image"] .unavailable`, WAIT);
	expect(await page.locator(`${conversation('bob')} [data-message-type="video"] video[controls]`).getAttribute('src')).toBe(
		`${url}/tour.mp4`,
	);
	expect(await page.locator(`${conversation('bob')} [data-message-type="audio"] audio[controls]`).getAttribute('src')).toBe(
		`${url}/note.mp3`,
	);
	expect(await page.locator(`${conversation('bob')} [data-message-type="video"] a`).textContent()).toBe(`${url}/tour.mp4`);
	const file = page.locator(`${conversation('alice')} [data-message-type="file"] a`);
	expect(await file.getAttribute('href')).toBe(`${url}/invoice-42.pdf`);
	expect(await file.textContent()).toBe('invoice-42.pdf');

	const quickReply = page.locator(`${conversation('bob')} [data-message-type="quick_reply"]`);
	expect(await quickReply.locator('.quick-title').textContent()).toBe('Pick one');
	expect(await quickReply.locator('button').allTextContents()).toEqual(['Yes', 'No', '<i>Maybe</i>']);
	expect(await quickReply.locator('button:disabled').count()).toBe(3);
	expect(await quickReply.locator('[data-force-cancel-survey]').count()).toBe(1);
	expect(await page.locator('[data-force-cancel-survey]').count()).toBe(1);

	// The whole page: the counts for all 8, element counts, and no token anywhere.
	expect(await headerCount('accepted')).toBe('8');
	expect(await headerCount('rejected')).toBe('0');
	expect(await page.locator('#conversations img').count()).toBe(1);
	expect(await page.locator('#conversations video').count()).toBe(1);
	expect(await page.locator('#conversations audio').count()).toBe(1);
	expect(await page.locator('#conversations button').count()).toBe(3);
	expect(await page.locator('#conversations a').count()).toBe(4);
	const html = await page.content();
	expect(html).not.toContain(sandbox.token);
	expect(html).not.toContain(sandbox.viberToken);
});

test('shows rejected requests in the contact’s conversation, or in the panel when the contact is unknown', async () => {
	expect((await sendContent(sandbox, 'dave', textMessage('Before'))).status).toBe(200);
	await page.waitForSelector(`${conversation('dave')} [data-message-type="text"]`, WAIT);

	// 403 for content, 429 and a dropped connection: all for dave, with a valid token.
	const tooMany = { body: [{ type: 'quick_reply', title: 'Too many', replies: Array.from({ length: 11 }, (_, i) => `r${i}`) }] };
	expect((await sendContent(sandbox, 'dave', tooMany)).status).toBe(403);
	sandbox.injectAnswer({ status: 429, message: 'Too many requests' });
	expect((await sendContent(sandbox, 'dave', textMessage())).status).toBe(429);
	sandbox.injectFault({ kind: 'dropBeforeBody' });
	await expect(sendContent(sandbox, 'dave', textMessage())).rejects.toThrow();
	// 401 (no valid token) and 405 without a token: no contact known, so the panel.
	expect((await sendContent(sandbox, 'dave', textMessage(), { token: 'wrong-token' })).status).toBe(401);
	expect((await sendContent(sandbox, 'dave', textMessage(), { method: 'GET', token: null })).status).toBe(405);
	// 403 on Viber for a contact ID that is not Base64: the contact cannot be known either.
	expect((await sendContent(sandbox, 'erin', textMessage(), { token: sandbox.viberToken })).status).toBe(403);

	const inConversation = `${conversation('dave')} [data-status]`;
	await waitForCount(inConversation, 3);
	await waitForCount('#rejected [data-status]', 3);
	const statuses = (selector: string) =>
		page.locator(selector).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status')));
	expect(await statuses(inConversation)).toEqual(['403', '429', '0']);
	expect(await statuses('#rejected [data-status]')).toEqual(['401', '405', '403']);
	const daveRejections = await page.locator(inConversation).allTextContents();
	expect(daveRejections[0]).toContain('403 Forbidden');
	expect(daveRejections[0]).toContain('body[0].replies must be an array of 1 to 10 strings');
	expect(daveRejections[1]).toContain('429 Too Many Requests');
	expect(daveRejections[2]).toContain('Dropped');
	expect(daveRejections[2]).toContain('connection dropped before reading the body');
	const panel = await page.locator('#rejected [data-status]').allTextContents();
	expect(panel[0]).toContain('API Token is invalid.');
	expect(panel[0]).toContain('/api/v1/message/sendContent/dave');
	expect(panel[1]).toContain('405 Method Not Allowed.');
	expect(panel[2]).toContain('Contact ID must be Base64-encoded for Viber channels');

	expect(await headerCount('accepted')).toBe('1');
	expect(await headerCount('rejected')).toBe('6');
	expect(await page.locator('[data-contact]').count()).toBe(1);
	const html = await page.content();
	expect(html).not.toContain(sandbox.token);
	expect(html).not.toContain(sandbox.viberToken);
});

test('never shows a token, even one a message carries', async () => {
	expect((await sendContent(sandbox, 'frank', textMessage(`my token is ${sandbox.token}!`))).status).toBe(200);
	await page.waitForSelector(`${conversation('frank')} [data-message-type="text"]`, WAIT);
	expect(await page.locator(`${conversation('frank')} .text`).textContent()).toBe('my token is [token]!');
	expect(await page.content()).not.toContain(sandbox.token);
	const snapshot = await (await fetch(new URL('/messages.json', sandbox.chatViewUrl))).text();
	expect(snapshot).toContain('[token]');
	expect(snapshot).not.toContain(sandbox.token);
});

test('a reset empties the view live; a reload shows the same as the live page', async () => {
	expect((await sendContent(sandbox, 'gina', textMessage('one'))).status).toBe(200);
	expect((await sendContent(sandbox, 'gina', textMessage(), { token: 'nope' })).status).toBe(401);
	await waitForCount('[data-message-type]', 1);
	await waitForCount('#rejected [data-status]', 1);

	const reloaded = await context.newPage();
	await reloaded.goto(sandbox.chatViewUrl);
	await reloaded.waitForSelector('body[data-ready]', WAIT);
	expect(await reloaded.locator('#conversations').innerHTML()).toBe(await page.locator('#conversations').innerHTML());
	expect(await reloaded.locator('#rejected').innerHTML()).toBe(await page.locator('#rejected').innerHTML());
	await reloaded.close();

	sandbox.reset();
	await waitForCount('[data-contact]', 0);
	await waitForCount('#rejected [data-status]', 0);
	expect(await headerCount('accepted')).toBe('0');
	expect(await headerCount('rejected')).toBe('0');
	expect((await sendContent(sandbox, 'gina', textMessage('two'))).status).toBe(200);
	await page.waitForSelector(`${conversation('gina')} [data-sequence="1"]`, WAIT);
});

test('shows the "Label: link" lines of a text (a Send and Wait message) as buttons that open their link', async () => {
	const opened: string[] = [];
	const target = createServer((request, response) => {
		opened.push(request.url ?? '');
		response.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>Got it</p>');
	});
	await new Promise<void>((done) => target.listen(0, '127.0.0.1', done));
	const origin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
	try {
		const text = [
			'Refund 40 € to <b>Ana</b>?',
			'',
			`✓ Approve: ${origin}/webhook-waiting/7/node?approved=true&signature=abc`,
			`✗ Decline: ${origin}/webhook-waiting/7/node?approved=false&signature=def`,
			'Not a button: javascript:alert(1)',
		].join('\n');
		expect((await sendContent(sandbox, 'manager', textMessage(text))).status).toBe(200);
		const buttons = page.locator(`${conversation('manager')} [data-action-link]`);
		await waitForCount(`${conversation('manager')} [data-action-link]`, 2);
		expect(await buttons.allTextContents()).toEqual(['✓ Approve', '✗ Decline']);
		expect(await buttons.first().getAttribute('href')).toBe(`${origin}/webhook-waiting/7/node?approved=true&signature=abc`);
		expect(await page.locator(`${conversation('manager')} .text`).textContent()).toBe(
			'Refund 40 € to <b>Ana</b>?\n\nNot a button: javascript:alert(1)',
		);
		expect(await page.locator(`${conversation('manager')} .text b`).count()).toBe(0);

		// A person clicks Approve: the link opens (this page's context may reach the sandbox alone)
		const clicking = await newIsolatedContext(browser, [sandbox.chatViewUrl, origin]);
		const chat = await clicking.newPage();
		await chat.goto(sandbox.chatViewUrl);
		const [popup] = await Promise.all([clicking.waitForEvent('page'), chat.locator(`${conversation('manager')} [data-action-link]`).first().click()]);
		await popup.waitForLoadState();
		expect(opened).toEqual(['/webhook-waiting/7/node?approved=true&signature=abc']);
		expect(await popup.locator('p').textContent()).toBe('Got it');
		await clicking.close();
	} finally {
		target.closeAllConnections(); // the browser keeps its connection open
		await new Promise((done) => target.close(done));
	}
});
