import { RoutingNode } from 'n8n-core';
import type { ExecuteContext } from 'n8n-core';
import type { INodeType } from 'n8n-workflow';

/**
 * n8n's CLI node registry gives declarative node types an `execute` that runs RoutingNode
 * (its `shouldAssignExecuteMethod` rule) and leaves other node types as they are. Production
 * runs declarative nodes that way, so the harness does too, without mutating the node type.
 */
export function withRoutingNodeExecute(nodeType: INodeType): INodeType {
	const isDeclarative = nodeType.description.requestDefaults !== undefined;
	const getsRoutingNodeExecute =
		!nodeType.execute &&
		!nodeType.poll &&
		!nodeType.trigger &&
		(!nodeType.webhook || isDeclarative) &&
		(!nodeType.methods || isDeclarative);
	if (!getsRoutingNodeExecute) return nodeType;

	return Object.create(nodeType, {
		execute: {
			value: async function (this: ExecuteContext) {
				const routingNode = new RoutingNode(this, nodeType);
				return (await routingNode.runNode()) ?? [];
			},
		},
	}) as INodeType;
}
