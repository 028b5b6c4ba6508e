import { rateAfterQuietStep, rateAfterRefusal } from '../../nodes/ChatCentral/pacing/adaptiveRate';

describe('rateAfterRefusal', () => {
	it.each([
		[25, 18],
		[18, 13],
		[4, 3],
		[2, 1],
		[1, 1],
	])('cuts %i requests/s to %i when ChatCentral took none of the pacer\'s requests in the full window', (limit, cut) => {
		expect(rateAfterRefusal(limit, 0, 25)).toBe(cut);
	});

	it.each([
		[13, 12, 12], // two senders, even shares: each keeps its own
		[13, 13, 12], // the one with one more gives up the difference
		[9, 8, 8], // three senders at 8, 8, 9: the window stays used
	])('at %i with %i of the full 25 taken, keeps its share while the others had as much: %i', (limit, accepted, cut) => {
		expect(rateAfterRefusal(limit, accepted, 25)).toBe(cut);
	});

	it('gives up a quarter when it held more of the full window than all the others together', () => {
		expect(rateAfterRefusal(25, 22, 25)).toBe(18);
		expect(rateAfterRefusal(16, 15, 25)).toBe(12);
	});

	it('never raises the rate', () => {
		expect(rateAfterRefusal(5, 12, 25)).toBe(5);
	});
});

describe('rateAfterQuietStep', () => {
	it('adds nothing for the 1st quiet step in a row, then 1, 2, 4, 8 … for the 2nd, 3rd, 4th, 5th', () => {
		let limit = 3;
		const seen: number[] = [];
		for (let step = 1; step <= 5; step++) seen.push((limit = rateAfterQuietStep(limit, step, 25)));
		expect(seen).toEqual([3, 4, 6, 10, 18]);
	});

	it('never goes above the maximum', () => {
		expect(rateAfterQuietStep(18, 5, 25)).toBe(25);
		expect(rateAfterQuietStep(10, 2, 10)).toBe(10);
	});
});
