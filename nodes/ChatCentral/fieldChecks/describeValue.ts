/** Names what an expression produced, in the words the node panel uses. */
export function describeValue(value: unknown): string {
	if (value === undefined || value === null) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'boolean') return `the boolean ${String(value)}`;
	return JSON.stringify(value);
}
