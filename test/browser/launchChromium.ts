import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * What a closed network needs: no GPU, no QUIC, none of Chromium's own background traffic, and
 * every host name but the loopback's unresolvable, so a page's external assets (attachment URLs)
 * fail at once instead of trying the network. playwright-core adds --headless itself, and gives
 * every launch a fresh temporary --user-data-dir that it deletes on close (it refuses one in args).
 */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** Fails, never skips, when Chromium is missing: CI must install it. */
export function assertChromiumInstalled(path = CHROMIUM_PATH): void {
	if (!existsSync(path)) {
		throw new Error(
			`Chromium is not installed at ${path}: the browser tests and screenshots need Debian's Chromium. ` +
				'Install it with `apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH).',
		);
	}
}

export async function launchChromium(): Promise<Browser> {
	assertChromiumInstalled();
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/**
 * A context whose pages may reach only `allowedOrigin` (the sandbox, and any other given): any
 * other request is aborted before it leaves the browser. Attachments then show their
 * "unavailable" state.
 */
export async function newIsolatedContext(
	browser: Browser,
	allowedOrigin: string | string[],
	options: { width?: number; height?: number; deviceScaleFactor?: number; userAgent?: string } = {},
): Promise<BrowserContext> {
	const context = await browser.newContext({
		userAgent: options.userAgent,
		viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
		deviceScaleFactor: options.deviceScaleFactor ?? 1,
		locale: 'en-GB',
		timezoneId: 'UTC',
	});
	const origins = new Set([allowedOrigin].flat().map((url) => new URL(url).origin));
	await context.route(
		(url) => !origins.has(url.origin) && url.protocol !== 'data:',
		(route) => route.abort('blockedbyclient'),
	);
	return context;
}
