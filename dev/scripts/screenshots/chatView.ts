// Screenshot of the sandbox's chat view for the README: npx tsx dev/scripts/screenshots/chatView.ts [out.png]
// Needs Debian's Chromium (apt-get install -y chromium).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { launchChromium, newIsolatedContext } from '../../../test/browser/launchChromium';

const OUT = resolve(process.argv[2] ?? 'docs/images/chat-view.png');
const CDN = 'https://shop.example.com';

type Element =
	| { type: 'text'; text: string }
	| { type: 'image' | 'video' | 'audio' | 'file'; url: string }
	| { type: 'quick_reply'; title: string; replies: string[] };

interface Send {
	contactId: string;
	element: Element;
	viber?: boolean;
	forceCancelSurvey?: true;
	/** Sent with a wrong token: a 401 the view lists under Rejected requests. */
	wrongToken?: boolean;
}

const conversation: Send[] = [
	{ contactId: 'c-1001', element: { type: 'text', text: 'Hi Ana! Your order #5512 has shipped.' } },
	{ contactId: 'c-1001', element: { type: 'image', url: `${CDN}/receipts/5512.png` } },
	{ contactId: 'c-1001', element: { type: 'file', url: `${CDN}/invoices/invoice-5512.pdf` } },
	{
		contactId: 'c-1001',
		element: { type: 'quick_reply', title: 'How was your delivery?', replies: ['Great', 'OK', 'Not good'] },
		forceCancelSurvey: true,
	},
	{ contactId: 'c-1002', element: { type: 'text', text: 'Bruno, here is a 30-second tour of your new dashboard.' } },
	{ contactId: 'c-1002', element: { type: 'video', url: `${CDN}/videos/dashboard-tour.mp4` } },
	{ contactId: 'c-1002', element: { type: 'text', text: 'Tip: <b>bold</b> stays literal here — nothing is rendered as HTML.' } },
	{ contactId: 'chen.viber', viber: true, element: { type: 'text', text: 'Hola Chen! A voice note from our team:' } },
	{ contactId: 'chen.viber', viber: true, element: { type: 'audio', url: `${CDN}/audio/welcome-es.mp3` } },
	{
		contactId: 'chen.viber',
		viber: true,
		element: { type: 'quick_reply', title: 'Which language do you prefer?', replies: ['Español', 'English', 'Português'] },
	},
	{ contactId: 'c-1004', wrongToken: true, element: { type: 'text', text: 'Sent with a revoked token' } },
];

async function send(sandbox: Sandbox, item: Send): Promise<number> {
	const segment = item.viber ? Buffer.from(item.contactId, 'utf8').toString('base64') : item.contactId;
	const token = item.wrongToken ? 'revoked-token' : item.viber ? sandbox.viberToken : sandbox.token;
	const payload = { body: [item.element], ...(item.forceCancelSurvey ? { forceCancelSurvey: true } : {}) };
	const response = await fetch(`${sandbox.baseUrl}/v1/message/sendContent/${encodeURIComponent(segment)}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(payload),
	});
	await response.arrayBuffer();
	return response.status;
}

async function main(): Promise<void> {
	// A fixed port keeps the Base URL in the picture stable; any free one if it is taken.
	const sandbox = await startSandbox({ port: 5680 }).catch(() => startSandbox());
	const browser = await launchChromium();
	try {
		const context = await newIsolatedContext(browser, sandbox.chatViewUrl, { width: 1280, height: 800 });
		const page = await context.newPage();
		await page.goto(sandbox.chatViewUrl);
		await page.waitForSelector('body[data-ready]');
		for (const item of conversation) await send(sandbox, item);
		// Two answers the node handles: a validation 403 in Bruno's conversation, a 429 in Ana's.
		await send(sandbox, {
			contactId: 'c-1002',
			element: { type: 'quick_reply', title: 'Pick a slot', replies: ['Tuesday 10:00 in the morning'] },
		});
		sandbox.injectAnswer({ status: 429, message: 'Too many requests' });
		await send(sandbox, { contactId: 'c-1001', element: { type: 'text', text: 'Retry me' } });
		await page.waitForFunction(`document.querySelectorAll('[data-message-type], [data-status]').length === ${conversation.length + 2}`);
		await page.waitForSelector('[data-message-type="image"] .unavailable');
		mkdirSync(dirname(OUT), { recursive: true });
		await page.screenshot({ path: OUT });
		console.log(`Wrote ${OUT}`);
	} finally {
		await browser.close();
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
});
