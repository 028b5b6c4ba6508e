import { messagePayload } from '../../nodes/ChatCentral/resources/message/messagePayload';

describe('messagePayload', () => {
	const element = { type: 'text', text: 'Hi there' } as const;

	it('holds exactly one element and no forceCancelSurvey key when the option is off', () => {
		const payload = messagePayload(element, false);
		expect(payload).toEqual({ body: [element] });
		expect(Object.keys(payload)).toEqual(['body']);
		expect(JSON.stringify(payload)).toBe('{"body":[{"type":"text","text":"Hi there"}]}');
	});

	it('sends forceCancelSurvey: true beside body when the option is on', () => {
		expect(JSON.stringify(messagePayload(element, true))).toBe(
			'{"body":[{"type":"text","text":"Hi there"}],"forceCancelSurvey":true}',
		);
	});
});
