import type { IHttpRequestOptions } from 'n8n-workflow';

import { inContactTurn, passContactTurn, takeContactTurn } from '../../nodes/ChatCentral/delivery/contactTurns';

/** A send the test answers or fails by hand; it logs when it is made and when answered. */
function heldSend(label: string, log: string[]) {
	let answer: () => void = () => {};
	let fail: (error: Error) => void = () => {};
	const send = async (): Promise<string> => {
		log.push(`sent ${label}`);
		await new Promise<void>((resolve, reject) => {
			answer = resolve;
			fail = reject;
		});
		log.push(`answered ${label}`);
		return label;
	};
	return { send, answer: () => answer(), fail: (error: Error) => fail(error) };
}

/** A run's items as the routing's preSend sees them: one request object each, taking turns in item order. */
function runWithTurns(contactIds: string[], executeData: object = {}): IHttpRequestOptions[] {
	return contactIds.map((contactId, itemIndex) => {
		const request: IHttpRequestOptions = { url: '' };
		takeContactTurn({ getExecuteData: () => executeData as never, getItemIndex: () => itemIndex }, request, contactId);
		return request;
	});
}

// Lets every promise that can settle do so (the sends wait on promise chains only)
const settled = async (): Promise<void> => await new Promise((resolve) => setImmediate(resolve));

describe('contactTurns', () => {
	it('sends a message to a contact only once the earlier one to it was answered; other contacts at once', async () => {
		const log: string[] = [];
		const [first, second, other] = runWithTurns(['ann', 'ann', 'bob']);
		const a1 = heldSend('ann #1', log);
		const a2 = heldSend('ann #2', log);
		const b1 = heldSend('bob #1', log);
		const sends = [inContactTurn(second, a2.send), inContactTurn(other, b1.send), inContactTurn(first, a1.send)];
		await settled();
		expect(log).toEqual(['sent bob #1', 'sent ann #1']);

		a1.answer();
		await settled();
		expect(log).toEqual(['sent bob #1', 'sent ann #1', 'answered ann #1', 'sent ann #2']);
		a2.answer();
		b1.answer();
		await expect(Promise.all(sends)).resolves.toEqual(['ann #2', 'bob #1', 'ann #1']);
	});

	it('lets the next message go after one that failed for good, and fails that one alone', async () => {
		const log: string[] = [];
		const [first, second] = runWithTurns(['ann', 'ann']);
		const a1 = heldSend('ann #1', log);
		const a2 = heldSend('ann #2', log);
		const failing = inContactTurn(first, a1.send);
		const next = inContactTurn(second, a2.send);
		await settled();
		a1.fail(new Error('403'));
		await expect(failing).rejects.toThrow('403');
		await settled();
		expect(log).toEqual(['sent ann #1', 'sent ann #2']);
		a2.answer();
		await expect(next).resolves.toBe('ann #2');
	});

	it('an item that makes no request lets the next go, but not before the ones before it were answered', async () => {
		const log: string[] = [];
		const [first, notSent, third] = runWithTurns(['ann', 'ann', 'ann']);
		const a1 = heldSend('ann #1', log);
		const a3 = heldSend('ann #3', log);
		const sends = [inContactTurn(first, a1.send), inContactTurn(third, a3.send)];
		passContactTurn(notSent);
		await settled();
		expect(log).toEqual(['sent ann #1']);
		a1.answer();
		await settled();
		expect(log).toEqual(['sent ann #1', 'answered ann #1', 'sent ann #3']);
		a3.answer();
		await Promise.all(sends);
	});

	it('a request without a turn (Send and Wait) goes at once', async () => {
		const log: string[] = [];
		const lone = heldSend('lone', log);
		const send = inContactTurn({ url: '' }, lone.send);
		await settled();
		expect(log).toEqual(['sent lone']);
		lone.answer();
		await expect(send).resolves.toBe('lone');
	});

	it('a new try of the run (Retry On Fail, same execute data) does not wait for the last try\'s turns', async () => {
		const executeData = {};
		const log: string[] = [];
		// The first try's message to ann never passes its turn
		runWithTurns(['ann'], executeData);
		const [again] = runWithTurns(['ann'], executeData);
		const retry = heldSend('ann #1 again', log);
		const send = inContactTurn(again, retry.send);
		await settled();
		expect(log).toEqual(['sent ann #1 again']);
		retry.answer();
		await send;
	});
});
