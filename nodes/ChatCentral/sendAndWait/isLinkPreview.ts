// Chat apps, mail scanners and link checkers fetch a link before (or instead of) a person, so a
// preview must never count as an answer. Browsers, in-app browsers included, announce themselves
// as "Mozilla/5.0 …"; preview fetchers either do not (WhatsApp/2.x, TelegramBot, Slackbot,
// facebookexternalhit, curl) or name themselves a bot, crawler or preview.
const NAMED_FETCHER = /bot|crawl|spider|preview|facebookexternalhit|embedly|headless|scanner|lighthouse/i;

/** Whether a request for an approval link comes from a link preview or a bot, not a person. */
export function isLinkPreview(userAgent: string | string[] | undefined): boolean {
	const agent = Array.isArray(userAgent) ? userAgent.join(' ') : (userAgent ?? '');
	return !/^Mozilla\/\d/.test(agent.trim()) || NAMED_FETCHER.test(agent);
}
