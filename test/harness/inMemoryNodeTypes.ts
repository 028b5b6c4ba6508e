import { NodeHelpers, UnexpectedError } from 'n8n-workflow';
import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

import { withRoutingNodeExecute } from './withRoutingNodeExecute';

export class InMemoryNodeTypes implements INodeTypes {
	private readonly nodeTypesByName = new Map<string, INodeType | IVersionedNodeType>();

	constructor(nodeTypes: Array<INodeType | IVersionedNodeType>) {
		for (const nodeType of nodeTypes) {
			this.nodeTypesByName.set(nodeType.description.name, nodeType);
		}
	}

	getByName(name: string): INodeType | IVersionedNodeType {
		const nodeType = this.nodeTypesByName.get(name);
		if (nodeType === undefined) {
			throw new UnexpectedError(`Unknown node type "${name}"`);
		}
		return nodeType;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return withRoutingNodeExecute(NodeHelpers.getVersionedNodeType(this.getByName(name), version));
	}

	getKnownTypes(): IDataObject {
		const knownTypes: IDataObject = {};
		for (const [name, nodeType] of this.nodeTypesByName) {
			knownTypes[name] = { className: nodeType.constructor.name, sourcePath: '' };
		}
		return knownTypes;
	}
}
