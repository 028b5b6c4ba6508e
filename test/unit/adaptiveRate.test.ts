import { rateAfterQuietSecond, rateAfterRefusal } from '../../nodes/ChatCentral/pacing/adaptiveRate';

describe('rateAfterRefusal', () => {
	it.each([
		[25, 18],
		[18, 13],
		[4, 3],
		[2, 1],
		[1, 1],
	])('cuts %i requests/s to %i', (limit, cut) => {
		expect(rateAfterRefusal(limit)).toBe(cut);
	});
});

describe('rateAfterQuietSecond', () => {
	it('adds 1, 2, 4, 8 … for the 1st, 2nd, 3rd, 4th quiet second in a row', () => {
		let limit = 3;
		const seen: number[] = [];
		for (let second = 1; second <= 4; second++) seen.push((limit = rateAfterQuietSecond(limit, second, 25)));
		expect(seen).toEqual([4, 6, 10, 18]);
	});

	it('never goes above the maximum', () => {
		expect(rateAfterQuietSecond(18, 4, 25)).toBe(25);
		expect(rateAfterQuietSecond(10, 1, 10)).toBe(10);
	});
});
