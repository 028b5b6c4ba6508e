import type { IExecuteSingleFunctions, IGetNodeParameterOptions, NodeParameterValueType } from 'n8n-workflow';

// A value that is one field of the item and nothing else, `={{ $json.contact.id }}` or
// `={{ $json["contact id"] }}`: what most mappings are.
const JSON_FIELD = /^=\{\{\s*\$json((?:\s*(?:\.[A-Za-z_$][\w$]*|\[\s*(?:'[^'\\]*'|"[^"\\]*")\s*\]))+)\s*\}\}$/;
const FIELD_STEP = /\.([A-Za-z_$][\w$]*)|\[\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\]/g;

/**
 * The item's text, number or boolean that a `{{ $json.… }}` value names, read from the item
 * itself; undefined when the value is another expression or names no such field: n8n then
 * resolves it. n8n's expression engine costs about a millisecond an expression in n8n 2.x (it
 * runs in an isolate): a run's checks of thousands of items would otherwise hold its first
 * message back by seconds.
 */
function jsonField(context: IExecuteSingleFunctions, value: string, itemIndex: number): string | number | boolean | undefined {
	const path = JSON_FIELD.exec(value)?.[1];
	if (path === undefined) return undefined;
	let field: unknown = context.getExecuteData().data.main?.[0]?.[itemIndex]?.json;
	for (const [, name, single, double] of path.matchAll(FIELD_STEP)) {
		if (field === null || typeof field !== 'object' || Array.isArray(field)) return undefined;
		const key = name ?? single ?? double;
		if (!Object.prototype.hasOwnProperty.call(field, key)) return undefined;
		field = (field as Record<string, unknown>)[key];
	}
	return typeof field === 'string' || typeof field === 'number' || typeof field === 'boolean' ? field : undefined;
}

/** A parameter's value as stored (expressions start with "="), resolved for one item. */
function valueForItem(context: IExecuteSingleFunctions, value: unknown, itemIndex: number, nested = false): unknown {
	if (typeof value === 'string') {
		if (!value.startsWith('=')) return value;
		return jsonField(context, value, itemIndex) ?? context.evaluateExpression(value.slice(1), itemIndex);
	}
	if (value === null || typeof value !== 'object') return value;
	// As n8n's getNodeParameter hands a date inside a collection over: as text
	if ((value as { isLuxonDateTime?: unknown }).isLuxonDateTime === true) return nested ? String(value) : value;
	if (Array.isArray(value)) return value.map((entry) => valueForItem(context, entry, itemIndex, true));
	return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, valueForItem(context, entry, itemIndex, true)]));
}

/**
 * Another item of the run as its preSend would see it: its index and its parameters, resolved
 * for it the way n8n's getNodeParameter resolves them (each expression for that item, through
 * n8n's evaluateExpression, or read from the item when it names one of its fields). n8n hands a
 * preSend its own item only; the run's checks need all.
 */
export function itemOfRun(context: IExecuteSingleFunctions, itemIndex: number): IExecuteSingleFunctions {
	const getNodeParameter = (name: string, fallbackValue?: unknown, options?: IGetNodeParameterOptions): NodeParameterValueType | object => {
		const stored = context.getNodeParameter(name, fallbackValue, { ...options, rawExpressions: true });
		return options?.rawExpressions === true ? stored : (valueForItem(context, stored, itemIndex) as NodeParameterValueType | object);
	};
	return Object.create(context, {
		getItemIndex: { value: () => itemIndex },
		getNodeParameter: { value: getNodeParameter },
	}) as IExecuteSingleFunctions;
}
