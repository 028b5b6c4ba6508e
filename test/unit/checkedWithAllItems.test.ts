import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkedWithAllItems } from '../../nodes/ChatCentral/fieldChecks/checkedWithAllItems';
import { CHATCENTRAL_NODE } from './chatCentralNode';


/** The contexts of a run's items as n8n's routing hands them over (On Error: Stop). */
function runOf(itemCount: number): (itemIndex: number) => IExecuteSingleFunctions {
	const executeData = { data: { main: [Array.from({ length: itemCount }, () => ({ json: {} }))] } };
	return (itemIndex) =>
		({
			getExecuteData: () => executeData,
			getNode: () => CHATCENTRAL_NODE,
			getItemIndex: () => itemIndex,
			continueOnFail: () => false,
			getNodeParameter: (_name: string, fallback: unknown) => fallback,
		}) as unknown as IExecuteSingleFunctions;
}

const passed = { ok: true as const, value: 'checked' };

describe('checkedWithAllItems (On Error: Stop)', () => {
	it('lets the items go once all of them checked in', async () => {
		const item = runOf(3);
		const results = await Promise.all([0, 1, 2].map((index) => checkedWithAllItems(item(index), passed, 50)));
		expect(results).toEqual([passed, passed, passed]);
	});

	it('holds every valid item back when one is invalid', async () => {
		const item = runOf(2);
		const invalid = { ok: false as const, error: new NodeOperationError(CHATCENTRAL_NODE, 'Text of item 2: is empty') };
		const [first, second] = await Promise.all([
			checkedWithAllItems(item(0), passed, 50),
			checkedWithAllItems(item(1), invalid, 50),
		]);
		expect(first).toEqual({ ok: 'heldBack' });
		expect(second).toMatchObject({ ok: false, error: { message: 'Text of item 2: is empty' } });
	});

	it('cannot hang: when the other items stop arriving, nothing is sent and the next item fails the run', async () => {
		const item = runOf(3);
		const waiting = await Promise.all([checkedWithAllItems(item(0), passed, 50), checkedWithAllItems(item(1), passed, 50)]);
		expect(waiting).toEqual([{ ok: 'heldBack' }, { ok: 'heldBack' }]);

		const late = await checkedWithAllItems(item(2), passed, 50);
		expect(late.ok).toBe(false);
		const { error } = late as { error: NodeOperationError };
		expect(error.message).toBe('Nothing was sent: only 2 of the 3 items of this run reached the node: it waited 50 ms for the others');
		expect(error.description).toMatch(/On Error to Continue/);
		expect(error.context.itemIndex).toBe(2);
	});
});
