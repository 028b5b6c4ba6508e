// Screenshot of a Send and Wait message in the sandbox's chat view, for docs/send-and-wait.md:
// npx tsx dev/scripts/screenshots/sendAndWait.ts [out.png]. The text is built by the node's own
// functions (responseChoices, sendAndWaitText); the links have the form n8n signs
// (/webhook-waiting/{executionId}/{nodeId}?approved=…&signature=…). Needs Debian's Chromium.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { responseChoices, sendAndWaitText } from '../../../nodes/ChatCentral/sendAndWait/responseChoices';
import { launchChromium, newIsolatedContext } from '../../../test/browser/launchChromium';
import { startSandbox } from '../../sandbox/server';

const OUT = resolve(process.argv[2] ?? 'docs/images/chat-view-send-and-wait.png');

function signedResumeUrl({ approved }: { approved: string }): string {
	const url = `http://localhost:5678/webhook-waiting/42/c0ffee00-0e-4c0d-9e00-000000000002?approved=${approved}`;
	return `${url}&signature=${createHmac('sha256', 'screenshot').update(url).digest('hex')}`;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({ port: 5680 }).catch(() => startSandbox());
	const browser = await launchChromium();
	try {
		const context = await newIsolatedContext(browser, sandbox.chatViewUrl, { width: 760, height: 420 });
		const page = await context.newPage();
		await page.goto(sandbox.chatViewUrl);
		await page.waitForSelector('body[data-ready]');
		const choices = responseChoices('approval', { approvalType: 'double', approveLabel: '✓ Confirm', disapproveLabel: '✗ Cancel' }, {}, signedResumeUrl);
		const text = sendAndWaitText('Hi Ana, please confirm your appointment on Friday 10:00.', choices);
		const response = await fetch(`${sandbox.baseUrl}/v1/message/sendContent/demo-ana`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ body: [{ type: 'text', text }] }),
		});
		if (response.status !== 200) throw new Error(`the sandbox answered ${response.status}`);
		await page.waitForSelector('[data-action-link]');
		mkdirSync(dirname(OUT), { recursive: true });
		await page.locator('[data-contact="demo-ana"]').screenshot({ path: OUT });
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
