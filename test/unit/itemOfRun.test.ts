import type { IExecuteSingleFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

import { itemOfRun } from '../../nodes/ChatCentral/fieldChecks/itemOfRun';

/** An item's context whose node has `parameters` as stored, in a run of `items`; n8n's evaluation noted in `evaluated`. */
function contextOf(parameters: Record<string, unknown>, items: Array<Record<string, unknown>>) {
	const evaluated: Array<[string, number]> = [];
	const context = {
		getItemIndex: () => 0,
		getExecuteData: () => ({ data: { main: [items.map((json) => ({ json }))] } }),
		getNodeParameter: (name: string, fallback: unknown, options?: IGetNodeParameterOptions) => {
			expect(options?.rawExpressions).toBe(true);
			return parameters[name] ?? fallback;
		},
		evaluateExpression: (expression: string, itemIndex: number) => {
			evaluated.push([expression, itemIndex]);
			return `n8n:${expression}#${itemIndex}`;
		},
	} as unknown as IExecuteSingleFunctions;
	return { context, evaluated };
}

describe('itemOfRun: another item of the run, as its preSend would see it', () => {
	const items = [{ contactId: 'c-1', contact: { 'the id': 7 } }, { contactId: 'c-2', contact: { 'the id': 8 }, note: { a: 1 } }];

	it('knows its index', () => {
		const { context } = contextOf({}, items);
		expect(itemOfRun(context, 1).getItemIndex()).toBe(1);
	});

	it("reads a value that names one of the item's fields from the item itself", () => {
		const { context, evaluated } = contextOf(
			{ contactId: '={{ $json.contactId }}', nested: '={{$json.contact["the id"]}}', fixed: 'Hi' },
			items,
		);
		const second = itemOfRun(context, 1);
		expect([second.getNodeParameter('contactId'), second.getNodeParameter('nested'), second.getNodeParameter('fixed')]).toEqual([
			'c-2',
			8,
			'Hi',
		]);
		expect(evaluated).toEqual([]);
	});

	it('has n8n resolve every other expression for it, and a field that holds no text, number or boolean, or is missing', () => {
		const { context, evaluated } = contextOf(
			{
				text: '=Hi {{ $json.contactId }}',
				call: '={{ $json.contactId.trim() }}',
				object: '={{ $json.note }}',
				missing: '={{ $json.nothing.here }}',
				options: { sendOnceKey: '={{ $json.contactId }}-x', forceCancelSurvey: true },
			},
			items,
		);
		const second = itemOfRun(context, 1);
		expect(second.getNodeParameter('text')).toBe('n8n:Hi {{ $json.contactId }}#1');
		expect(second.getNodeParameter('call')).toBe('n8n:{{ $json.contactId.trim() }}#1');
		expect(second.getNodeParameter('object')).toBe('n8n:{{ $json.note }}#1');
		expect(second.getNodeParameter('missing')).toBe('n8n:{{ $json.nothing.here }}#1');
		expect(second.getNodeParameter('options', {})).toEqual({ sendOnceKey: 'n8n:{{ $json.contactId }}-x#1', forceCancelSurvey: true });
		expect(evaluated.map(([, itemIndex]) => itemIndex)).toEqual([1, 1, 1, 1, 1]);
	});

	it('gives the stored value when asked for raw expressions', () => {
		const { context } = contextOf({ contactId: '={{ $json.contactId }}' }, items);
		expect(itemOfRun(context, 1).getNodeParameter('contactId', undefined, { rawExpressions: true })).toBe('={{ $json.contactId }}');
	});
});
