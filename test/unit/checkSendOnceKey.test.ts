import { checkSendOnceKey } from '../../nodes/ChatCentral/fieldChecks/checkSendOnceKey';
import { InvalidFieldError } from '../../nodes/ChatCentral/fieldChecks/InvalidFieldError';
import { keyHash } from '../../nodes/ChatCentral/sendOnce/sendOnceKeyMemory';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('checkSendOnceKey', () => {
	it('is off when the option is not added', () => {
		expect(checkSendOnceKey({})).toBeUndefined();
		expect(checkSendOnceKey({ forceCancelSurvey: true })).toBeUndefined();
	});

	it('gives the hash of the key, and the default memory of 10,000 keys for 30 days', () => {
		expect(checkSendOnceKey({ sendOnceKey: 'evt-1-c-1' })).toEqual({
			hash: keyHash('evt-1-c-1'),
			bounds: { maxKeys: 10_000, maxAgeMs: 30 * DAY_MS },
		});
	});

	it('takes a number as a key, and the memory bounds set', () => {
		expect(checkSendOnceKey({ sendOnceKey: 42, sendOnceKeyHistorySize: 5, sendOnceKeyDays: 0.5 })).toEqual({
			hash: keyHash('42'),
			bounds: { maxKeys: 5, maxAgeMs: DAY_MS / 2 },
		});
	});

	it.each([
		[{ sendOnceKey: '' }, 'Send Once Key', 'is empty'],
		[{ sendOnceKey: ' \t' }, 'Send Once Key', 'is empty'],
		[{ sendOnceKey: undefined }, 'Send Once Key', 'must be text, got nothing'],
		[{ sendOnceKey: { id: 1 } }, 'Send Once Key', 'must be text, got an object'],
		[{ sendOnceKey: 'k', sendOnceKeyHistorySize: 2.5 }, 'Key History Size', 'must be a whole number above 0, got 2.5'],
		[{ sendOnceKey: 'k', sendOnceKeyDays: 0 }, 'Forget Keys After (Days)', 'must be a number above 0, got 0'],
	])('refuses %p', (options, field, problem) => {
		expect(() => checkSendOnceKey(options)).toThrow(expect.objectContaining({ field, problem }) as Error);
		expect(() => checkSendOnceKey(options)).toThrow(InvalidFieldError);
	});
});

describe('keyHash', () => {
	it('is 96 bits of the SHA-256 of the key, never the key', () => {
		expect(keyHash('evt-1-c-1')).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(keyHash('evt-1-c-1')).toBe(keyHash('evt-1-c-1'));
		expect(keyHash('evt-1-c-1')).not.toBe(keyHash('evt-1-c-2'));
	});
});
