/**
 * A set of item indexes as compact text (base64url of a bitmap, item 0 the first bit), so that
 * n8n's execution custom data, which holds short strings only, can carry which items were sent.
 */
export function encodeItemBitmap(items: Iterable<number>): string {
	const indexes = [...items];
	const bytes = new Uint8Array(indexes.length === 0 ? 0 : Math.floor(Math.max(...indexes) / 8) + 1);
	for (const index of indexes) bytes[Math.floor(index / 8)] |= 1 << index % 8;
	return Buffer.from(bytes).toString('base64url');
}

export function decodeItemBitmap(text: string): Set<number> {
	const items = new Set<number>();
	Buffer.from(text, 'base64url').forEach((byte, at) => {
		for (let bit = 0; bit < 8; bit++) if ((byte & (1 << bit)) !== 0) items.add(at * 8 + bit);
	});
	return items;
}
