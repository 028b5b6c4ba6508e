import { decodeItemBitmap, encodeItemBitmap } from '../../nodes/ChatCentral/sendOnce/itemBitmap';

describe('encodeItemBitmap / decodeItemBitmap', () => {
	it('round-trips any set of item indexes', () => {
		for (const items of [[], [0], [7, 8], [0, 1, 2, 29], [2399], Array.from({ length: 2400 }, (_, i) => i)]) {
			expect([...decodeItemBitmap(encodeItemBitmap(items))].sort((a, b) => a - b)).toEqual(items);
		}
	});

	it('holds 2,400 items in 400 characters, the room one custom data value leaves', () => {
		const all = Array.from({ length: 2400 }, (_, i) => i);
		expect(encodeItemBitmap(all)).toHaveLength(400);
		expect(encodeItemBitmap(all)).toMatch(/^[A-Za-z0-9_-]+$/);
	});

	it('reads an empty or missing record as no items', () => {
		expect(decodeItemBitmap('').size).toBe(0);
	});
});
