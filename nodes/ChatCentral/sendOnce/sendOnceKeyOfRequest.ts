import type { IHttpRequestOptions } from 'n8n-workflow';

import type { SendOnceKey } from '../fieldChecks/checkSendOnceKey';

// Each request's Send Once Key as its item's checks gave it, from the preSend to its send.
const keys = new WeakMap<IHttpRequestOptions, SendOnceKey>();

export function rememberSendOnceKey(requestOptions: IHttpRequestOptions, key: SendOnceKey): void {
	keys.set(requestOptions, key);
}

export function sendOnceKeyOf(requestOptions: IHttpRequestOptions): SendOnceKey | undefined {
	return keys.get(requestOptions);
}
