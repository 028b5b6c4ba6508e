import type { IHttpRequestOptions } from 'n8n-workflow';

import { InvalidFieldError } from '../fieldChecks/InvalidFieldError';

/** Settings → Request Options, as the node stores them. */
export interface RequestOptions {
	allowUnauthorizedCerts?: boolean;
	proxy?: string;
	timeout?: number;
}

/**
 * What Request Options mean for a request made outside the routing (which applies them to the
 * other operations itself): the timeout, the SSL check, the proxy.
 */
export function requestSettings({ allowUnauthorizedCerts, proxy, timeout }: RequestOptions): Partial<IHttpRequestOptions> {
	const settings: Partial<IHttpRequestOptions> = {};
	if (typeof timeout === 'number' && timeout > 0) settings.timeout = timeout;
	if (allowUnauthorizedCerts === true) settings.skipSslCertificateValidation = true;
	if (typeof proxy === 'string' && proxy.trim() !== '') {
		const url = URL.canParse(proxy) ? new URL(proxy) : undefined;
		if (url === undefined || url.hostname === '' || url.port === '') {
			throw new InvalidFieldError('Proxy', `"${proxy}" is not a proxy address with a host and a port`, 'Give it as http://host:port, e.g. http://myproxy:3128.');
		}
		settings.proxy = {
			protocol: url.protocol.replace(/:$/, ''),
			host: url.hostname,
			port: Number(url.port),
			...(url.username === '' ? {} : { auth: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } }),
		};
	}
	return settings;
}
