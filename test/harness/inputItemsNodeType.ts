import { NodeConnectionTypes, deepCopy } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

export const INPUT_ITEMS_NODE_TYPE = 'harness.items';

/** The upstream node of a harness workflow: it starts the run and emits the given items. */
export function createInputItemsNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Input Items',
			name: INPUT_ITEMS_NODE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Emits the items the test provides',
			defaults: { name: 'Input Items' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(): Promise<INodeExecutionData[][]> {
			return [items.map((json) => ({ json: deepCopy(json) }))];
		},
	};
}
