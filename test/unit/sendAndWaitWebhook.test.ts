import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { sendAndWaitWebhook } from '../../nodes/ChatCentral/sendAndWait/sendAndWaitWebhook';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

interface Sent {
	status: number;
	headers: Record<string, string>;
	html: string;
}

/** The webhook called as n8n calls it for a waiting execution: a request, a response that records what it sends. */
async function follow(request: {
	method?: 'GET' | 'POST';
	query?: IDataObject;
	userAgent?: string;
	body?: IDataObject;
	parameters?: IDataObject;
}) {
	const sent: Sent = { status: 0, headers: {}, html: '' };
	const response = {
		status(code: number) {
			sent.status = code;
			return response;
		},
		set(headers: Record<string, string>) {
			Object.assign(sent.headers, headers);
			return response;
		},
		send(html: string) {
			sent.html = html;
			return response;
		},
	};
	const parameters: IDataObject = { responseType: 'approval', message: 'Refund 40 € to Ana?', options: {}, ...request.parameters };
	const context = {
		getRequestObject: () => ({
			method: request.method ?? 'GET',
			query: request.query ?? {},
			headers: request.userAgent === undefined ? {} : { 'user-agent': request.userAgent },
		}),
		getResponseObject: () => response,
		getBodyData: () => request.body ?? {},
		getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
	} as unknown as IWebhookFunctions;
	const result = await sendAndWaitWebhook.call(context);
	return { result, sent };
}

describe('sendAndWaitWebhook: approval links', () => {
	it.each([
		['true', true, 'Approved'],
		['false', false, 'Declined'],
	])('approved=%s opened by a person resumes with { data: { approved: %s } } and says "%s"', async (query, approved, answer) => {
		const { result, sent } = await follow({ query: { approved: query }, userAgent: BROWSER });
		expect(result).toEqual({ noWebhookResponse: true, workflowData: [[{ json: { data: { approved } } }]] });
		expect(sent.status).toBe(200);
		expect(sent.html).toContain('Got it, thanks');
		expect(sent.html).toContain(`<span class="answer" data-answer>${answer}</span>`);
		expect(sent.headers['Content-Type']).toBe('text/html; charset=utf-8');
		expect(sent.headers['Content-Security-Policy']).toContain("default-src 'none'");
	});

	it.each([
		['no User-Agent', undefined],
		["WhatsApp's link preview", 'WhatsApp/2.23.20.0 A'],
		["Telegram's", 'TelegramBot (like TwitterBot)'],
		["Slack's", 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
		["Facebook's", 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
		['a crawler calling itself Mozilla', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
		['a headless browser', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36'],
		['curl', 'curl/8.5.0'],
	])('a link fetched by %s resumes nothing', async (_who, userAgent) => {
		const { result, sent } = await follow({ query: { approved: 'true' }, userAgent });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent.html).toContain('Nothing was recorded');
	});
});

describe('sendAndWaitWebhook: free text', () => {
	const freeText = { responseType: 'freeText', message: 'What went wrong with <b>order</b> 7?' };

	it('GET shows the form, the message escaped as its description, and resumes nothing', async () => {
		const { result, sent } = await follow({ query: { approved: 'true' }, userAgent: BROWSER, parameters: freeText });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent.status).toBe(200);
		expect(sent.html).toContain('<form method="post">');
		expect(sent.html).toContain('<textarea id="text" name="text" required></textarea>');
		expect(sent.html).toContain('What went wrong with &lt;b&gt;order&lt;/b&gt; 7?');
		expect(sent.html).not.toContain('<b>order</b>');
		expect(sent.html).not.toMatch(/<script|<link|src=/);
	});

	it('uses the form options: title, description and button label', async () => {
		const options = { responseFormTitle: 'Order 7', responseFormDescription: 'Tell us "everything"', responseFormButtonLabel: 'Send' };
		const { sent } = await follow({ userAgent: BROWSER, parameters: { ...freeText, options } });
		expect(sent.html).toContain('<h1>Order 7</h1>');
		expect(sent.html).toContain('Tell us &quot;everything&quot;');
		expect(sent.html).toContain('<button type="submit">Send</button>');
	});

	it('POST resumes with { data: { text } } and echoes the answer escaped', async () => {
		const text = 'The box arrived <img src=x onerror=alert(1)> wet';
		const { result, sent } = await follow({ method: 'POST', body: { text }, userAgent: BROWSER, parameters: freeText });
		expect(result).toEqual({ noWebhookResponse: true, workflowData: [[{ json: { data: { text } } }]] });
		expect(sent.html).toContain('The box arrived &lt;img src=x onerror=alert(1)&gt; wet');
		expect(sent.html).not.toContain('<img');
	});

	it.each([[{}], [{ text: '   ' }], [{ text: ['a', 'b'] }]])('POST %j shows the form again with what to do, and resumes nothing', async (body) => {
		const { result, sent } = await follow({ method: 'POST', body, userAgent: BROWSER, parameters: freeText });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent.status).toBe(422);
		expect(sent.html).toContain('Write your answer before sending it.');
	});
});
