import type { IExecuteSingleFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

import { checkedWithAllItems } from '../../nodes/ChatCentral/fieldChecks/checkedWithAllItems';
import { InvalidFieldError } from '../../nodes/ChatCentral/fieldChecks/InvalidFieldError';
import { CHATCENTRAL_NODE } from './chatCentralNode';

/**
 * The contexts of a run's items as n8n's routing hands them over: a Contact ID field mapped
 * with an expression that n8n resolves per item to that item's `contacts` entry.
 */
function runOf(contacts: string[], { continueOnFail = false } = {}) {
	const executeData = { data: { main: [contacts.map((contactId) => ({ json: { contactId } }))] } };
	const evaluated: number[] = [];
	const item = (itemIndex: number) =>
		({
			getExecuteData: () => executeData,
			getNode: () => CHATCENTRAL_NODE,
			getItemIndex: () => itemIndex,
			continueOnFail: () => continueOnFail,
			getNodeParameter: (name: string, fallback: unknown, options?: IGetNodeParameterOptions) => {
				if (name !== 'contactId') return fallback;
				if (options?.rawExpressions === true) return '={{ $json.contactId.trim() }}';
				evaluated.push(itemIndex);
				return contacts[itemIndex];
			},
			evaluateExpression: (expression: string, index: number) => {
				expect(expression).toBe('{{ $json.contactId.trim() }}');
				evaluated.push(index);
				return contacts[index];
			},
		}) as unknown as IExecuteSingleFunctions;
	return { item, evaluated };
}

/** The check of one item: its contact ID, with its index, or an error naming the field. */
function contactOf(item: IExecuteSingleFunctions): string {
	const contactId = item.getNodeParameter('contactId') as string;
	if (contactId === '') throw new InvalidFieldError('Contact ID', 'is empty', 'Map a contact ID.');
	return `${item.getItemIndex()}:${contactId}`;
}

describe('checkedWithAllItems (On Error: Stop)', () => {
	it("the run's first item checks every item, each with its own values; the others take their checks from there", () => {
		const { item, evaluated } = runOf(['c-1', 'c-2', 'c-3']);
		const first = checkedWithAllItems(item(0), contactOf);
		expect(evaluated).toEqual([0, 1, 2]);
		const others = [1, 2].map((index) => checkedWithAllItems(item(index), contactOf));
		expect([first, ...others]).toEqual([
			{ ok: true, value: '0:c-1' },
			{ ok: true, value: '1:c-2' },
			{ ok: true, value: '2:c-3' },
		]);
		expect(evaluated).toEqual([0, 1, 2]);
	});

	it('holds every valid item back when one is invalid, from the first item on: it fails with its own error', () => {
		const { item } = runOf(['c-1', 'c-2', '']);
		const results = [0, 1, 2].map((index) => checkedWithAllItems(item(index), contactOf));
		expect(results[0]).toEqual({ ok: 'heldBack' });
		expect(results[1]).toEqual({ ok: 'heldBack' });
		expect(results[2]).toMatchObject({ ok: false, error: { message: 'Contact ID of item 3: is empty', context: { itemIndex: 2 } } });
		expect((results[2] as { error: { description: string } }).error.description).toMatch(/^Map a contact ID\. Nothing was sent/);
	});

	it('a node retry (Retry On Fail, same run data) checks every item afresh at its first item', () => {
		const contacts = ['c-1', ''];
		const { item, evaluated } = runOf(contacts);
		expect(checkedWithAllItems(item(0), contactOf)).toEqual({ ok: 'heldBack' });
		contacts[1] = 'c-2';
		expect(checkedWithAllItems(item(0), contactOf)).toEqual({ ok: true, value: '0:c-1' });
		expect(checkedWithAllItems(item(1), contactOf)).toEqual({ ok: true, value: '1:c-2' });
		expect(evaluated).toEqual([0, 1, 0, 1]);
	});
});

describe('checkedWithAllItems (On Error: Continue)', () => {
	it('each item checks itself alone: valid items go, an invalid one fails alone', () => {
		const { item, evaluated } = runOf(['c-1', ''], { continueOnFail: true });
		expect(checkedWithAllItems(item(0), contactOf)).toEqual({ ok: true, value: '0:c-1' });
		expect(checkedWithAllItems(item(1), contactOf)).toMatchObject({ ok: false, error: { message: 'Contact ID of item 2: is empty' } });
		expect(evaluated).toEqual([0, 1]);
	});
});
