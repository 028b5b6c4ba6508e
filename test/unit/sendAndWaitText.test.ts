import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { escapeHtml } from '../../nodes/ChatCentral/sendAndWait/escapeHtml';
import { isLinkPreview } from '../../nodes/ChatCentral/sendAndWait/isLinkPreview';
import { requestSettings } from '../../nodes/ChatCentral/sendAndWait/requestSettings';
import { responseChoices, sendAndWaitText } from '../../nodes/ChatCentral/sendAndWait/responseChoices';
import { waitUntil } from '../../nodes/ChatCentral/sendAndWait/waitLimit';

const signed = ({ approved }: { approved: string }) => `https://n8n.example.com/webhook-waiting/9/node?approved=${approved}&signature=abc`;

describe('responseChoices and sendAndWaitText', () => {
	it('approval, by default: one Approve link', () => {
		expect(responseChoices('approval', {}, {}, signed)).toEqual([{ label: '✓ Approve', url: signed({ approved: 'true' }) }]);
	});

	it('Approve and Disapprove: Approve, then Decline, each with its answer', () => {
		expect(responseChoices('approval', { approvalType: 'double' }, {}, signed)).toEqual([
			{ label: '✓ Approve', url: signed({ approved: 'true' }) },
			{ label: '✗ Decline', url: signed({ approved: 'false' }) },
		]);
	});

	it('a label is one line: line breaks and runs of spaces become one space', () => {
		const [choice] = responseChoices('approval', { approveLabel: '  Yes,\n  book   it ' }, {}, signed);
		expect(choice.label).toBe('Yes, book it');
	});

	it('free text: one Respond link (or the Message Button Label)', () => {
		expect(responseChoices('freeText', { approvalType: 'double' }, {}, signed).map(({ label }) => label)).toEqual(['Respond']);
		expect(responseChoices('freeText', {}, { messageButtonLabel: 'Answer' }, signed).map(({ label }) => label)).toEqual(['Answer']);
	});

	it('the text: the question, a blank line, then one "label: link" line per answer', () => {
		const text = sendAndWaitText('  Refund 40 €?\nOrder 7 ', [
			{ label: 'Yes', url: 'https://a/1' },
			{ label: 'No', url: 'https://a/2' },
		]);
		expect(text).toBe('Refund 40 €?\nOrder 7\n\nYes: https://a/1\nNo: https://a/2');
	});
});

describe('waitUntil', () => {
	const now = Date.parse('2026-12-02T12:00:00.000Z');

	it('without a limit: for ever', () => {
		expect(waitUntil(undefined, now)).toBe(WAIT_INDEFINITELY);
		expect(waitUntil({}, now)).toBe(WAIT_INDEFINITELY);
	});

	it.each([
		[45, 'minutes', '2026-12-02T12:45:00.000Z'],
		[1.5, 'hours', '2026-12-02T13:30:00.000Z'],
		[2, 'days', '2026-12-04T12:00:00.000Z'],
	] as const)('after %s %s', (resumeAmount, resumeUnit, expected) => {
		expect(waitUntil({ limitType: 'afterTimeInterval', resumeAmount, resumeUnit }, now).toISOString()).toBe(expected);
	});

	it('at a date', () => {
		expect(waitUntil({ limitType: 'atSpecifiedTime', maxDateAndTime: '2027-01-01T09:00:00+01:00' }, now).toISOString()).toBe(
			'2027-01-01T08:00:00.000Z',
		);
	});

	it.each([
		[{ limitType: 'atSpecifiedTime' as const, maxDateAndTime: '' }, 'Limit Wait Time (Max Date and Time): must be a date and time, got ""'],
		[{ limitType: 'afterTimeInterval' as const, resumeAmount: -1, resumeUnit: 'hours' as const }, 'Limit Wait Time (Amount): must be a number of minutes, hours or days, got -1'],
	])('refuses %j', (limit, message) => {
		expect(() => waitUntil(limit, now)).toThrow(message);
	});
});

describe('isLinkPreview', () => {
	it.each([
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
		'Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0 Mobile Safari/537.36',
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
	])('a person in a browser or an in-app browser: %s', (agent) => {
		expect(isLinkPreview(agent)).toBe(false);
	});

	it.each([undefined, '', 'WhatsApp/2.23.20.0 A', 'Viber/21.0', 'node', 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)', 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5'])(
		'a preview or a bot: %s',
		(agent) => {
			expect(isLinkPreview(agent)).toBe(true);
		},
	);
});

describe('escapeHtml', () => {
	it('escapes what could open markup or end an attribute', () => {
		expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
	});
});

describe('requestSettings (Request Options for the Send and Wait request)', () => {
	it('takes the timeout, the SSL switch and the proxy', () => {
		expect(requestSettings({ timeout: 300, allowUnauthorizedCerts: true, proxy: 'http://user:p%40ss@proxy.local:3128' })).toEqual({
			timeout: 300,
			skipSslCertificateValidation: true,
			proxy: { protocol: 'http', host: 'proxy.local', port: 3128, auth: { username: 'user', password: 'p@ss' } },
		});
		expect(requestSettings({})).toEqual({});
	});

	it('refuses a proxy without host and port', () => {
		expect(() => requestSettings({ proxy: 'myproxy' })).toThrow('Proxy: "myproxy" is not a proxy address with a host and a port');
	});
});
