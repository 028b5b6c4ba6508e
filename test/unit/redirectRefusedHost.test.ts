import { redirectRefusedHost } from '../../nodes/ChatCentral/errors/redirectRefusedHost';

const withCode = (message: string, code: string | undefined, cause?: unknown) => Object.assign(new Error(message, { cause }), { code });

// n8n's error for a failed request, caused by axios's, caused by follow-redirects', caused by `refusal`
function refusedRedirect(refusal: Error) {
	const followRedirects = withCode(`Redirected request failed: ${refusal.message}`, 'ERR_FR_REDIRECTION_FAILURE', refusal);
	const axios = withCode(followRedirects.message, 'ERR_FR_REDIRECTION_FAILURE', followRedirects);
	return new Error(followRedirects.message, { cause: axios });
}

describe('redirectRefusedHost', () => {
	it("names the host of n8n 2.x's refusal (host and port) without its port: what the allow-list matches", () => {
		const refusal = new Error(
			'Domain not allowed: This credential is restricted from accessing chatcentral.example:8443. Only the following domains are allowed: 127.0.0.1, example.com',
		);
		expect(redirectRefusedHost(refusedRedirect(refusal))).toBe('chatcentral.example');
	});

	it("names the host of n8n 1.x's refusal (the whole URL), leaving out its path and query", () => {
		const refusal = new Error(
			'Domain not allowed: This credential is restricted from accessing https://eu.chatcentral.example/api/v1/message/sendContent/c-1?x=1. Only the following domains are allowed: example.com',
		);
		expect(redirectRefusedHost(refusedRedirect(refusal))).toBe('eu.chatcentral.example');
	});

	it('is none for a refusal that is not a redirect (the request itself never left)', () => {
		const refusal = new Error('Domain not allowed: This credential is restricted from accessing 127.0.0.1:80. Only the following domains are allowed: example.com');
		expect(redirectRefusedHost(new Error(refusal.message, { cause: refusal }))).toBeUndefined();
	});

	it('is none for a redirect that failed for another reason, and for a broken connection', () => {
		expect(redirectRefusedHost(refusedRedirect(new Error('Maximum number of redirects exceeded')))).toBeUndefined();
		expect(redirectRefusedHost(withCode('socket hang up', undefined, withCode('reset', 'ECONNRESET')))).toBeUndefined();
		expect(redirectRefusedHost(undefined)).toBeUndefined();
	});
});
