import { apiFailure, FILE_TYPE_MISMATCH } from '../../nodes/ChatCentral/errors/apiFailure';

const errorBody = (message: string) => ({ status: 'error', message, data: [] });

describe('apiFailure', () => {
	it('is undefined for the contract success answer', () => {
		expect(apiFailure(200, { status: 'Success', message: 'Message Sent', data: [] })).toBeUndefined();
	});

	it('fails a 2xx that is not a ChatCentral confirmation', () => {
		const failure = apiFailure(200, '<html>welcome</html>');
		expect(failure?.message).toMatch(/not with ChatCentral's "Message Sent"/);
		expect(failure?.description).toMatch(/Base URL/);
	});

	it('401 keeps the API message and points at the credential', () => {
		const failure = apiFailure(401, errorBody('API Token is invalid.'));
		expect(failure?.message).toBe('API Token is invalid.');
		expect(failure?.description).toMatch(/Channel Token in the ChatCentral API credential/);
	});

	it('403 unmatched file type explains the attachment type choice', () => {
		const failure = apiFailure(403, errorBody(FILE_TYPE_MISMATCH));
		expect(failure?.message).toBe('Sorry, Url provided is not an image/audio/video file');
		expect(failure?.description).toMatch(/Attachment Type/);
	});

	it('403 general error keeps the API message', () => {
		const failure = apiFailure(403, errorBody('Contact not found'));
		expect(failure?.message).toBe('Contact not found');
		expect(failure?.description).toMatch(/contact ID/);
	});

	it('405 points at the Base URL', () => {
		const failure = apiFailure(405, errorBody('405 Method Not Allowed.'));
		expect(failure?.message).toBe('405 Method Not Allowed.');
		expect(failure?.description).toMatch(/Base URL/);
	});

	it('429 says the message was not accepted and names the limit', () => {
		const failure = apiFailure(429, errorBody('Too many requests'));
		expect(failure?.message).toBe('Too many requests');
		expect(failure?.description).toMatch(/25 requests per second/);
		expect(failure?.description).toMatch(/did not accept this message/);
	});

	it('falls back to the status code when the body has no message', () => {
		expect(apiFailure(404, 'Not Found')?.message).toBe('ChatCentral answered with HTTP status 404');
		expect(apiFailure(404, 'Not Found')?.description).toMatch(/Base URL/);
		expect(apiFailure(502, {})?.description).toMatch(/most likely it was not delivered, but it may have been/);
	});
});
