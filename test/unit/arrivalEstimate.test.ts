import { arrivalEstimate } from '../../nodes/ChatCentral/pacing/arrivalEstimate';

describe('arrivalEstimate', () => {
	it('is the answer less the shortest round trip seen', () => {
		expect(arrivalEstimate(1_000, 1_180, 150)).toBe(1_030);
	});

	it('is never before the request started: it cannot arrive before it leaves', () => {
		expect(arrivalEstimate(1_000, 1_100, 150)).toBe(1_000);
	});

	it('is the answer itself while no round trip is known', () => {
		expect(arrivalEstimate(1_000, 1_180, Infinity)).toBe(1_180);
	});

	it('is Infinity while the request is unanswered: it may still be on its way', () => {
		expect(arrivalEstimate(1_000, undefined, 150)).toBe(Infinity);
	});
});
