import type { IHttpRequestOptions, NodeOperationError } from 'n8n-workflow';

// preSend must return the request; this is how it says the request is not to be made.
const held = new WeakMap<IHttpRequestOptions, { failure: NodeOperationError | undefined }>();

/**
 * Marks a request as not to be made: its item failed its field checks (`failure`), or its
 * item is valid but another item of the run failed while the node stops on error.
 */
export function holdRequest(requestOptions: IHttpRequestOptions, failure?: NodeOperationError): IHttpRequestOptions {
	held.set(requestOptions, { failure });
	return requestOptions;
}

export function heldRequest(requestOptions: IHttpRequestOptions): { failure: NodeOperationError | undefined } | undefined {
	return held.get(requestOptions);
}
