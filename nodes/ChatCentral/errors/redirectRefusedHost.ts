import { connectionErrorCode } from './requestErrors';

// n8n's words for a URL the credential's Allowed HTTP Request Domains does not list: n8n 2.x
// (n8n-workflow's assertUrlAllowed) names the host and port, n8n 1.x the whole URL
const DOMAIN_REFUSAL = /Domain not allowed: This credential is restricted from accessing (.+?)\. Only the following domains are allowed/;

// follow-redirects' code for an error thrown while it follows a redirect
const REDIRECTION_FAILURE = 'ERR_FR_REDIRECTION_FAILURE';

function hostnameOf(hostOrUrl: string): string | undefined {
	for (const url of [hostOrUrl, `http://${hostOrUrl}`]) {
		try {
			const { hostname } = new URL(url);
			if (hostname) return hostname;
		} catch {
			// not a URL this way: try it as a host
		}
	}
	return undefined;
}

/**
 * The host (name only: what the allow-list matches) n8n refused to follow a redirect to because
 * the credential's Allowed HTTP Request Domains does not list it; undefined for any other
 * failure. n8n refuses the hop in follow-redirects' beforeRedirect, so the refusal arrives as
 * n8n's NodeApiError, caused by axios's error, caused by follow-redirects'
 * ERR_FR_REDIRECTION_FAILURE, caused by n8n's "Domain not allowed" error, which names the host
 * only in its words.
 */
export function redirectRefusedHost(failure: unknown): string | undefined {
	// axios keeps follow-redirects' code, as it keeps ECONNRESET's
	if (connectionErrorCode(failure) !== REDIRECTION_FAILURE) return undefined;
	// n8n's chains are a few links long; the bound only guards against a cycle
	for (let error = failure, links = 0; error instanceof Error && links < 10; error = error.cause, links++) {
		const refused = DOMAIN_REFUSAL.exec(error.message)?.[1];
		if (refused !== undefined) return hostnameOf(refused);
	}
	return undefined;
}
