import { checkContactId } from '../../nodes/ChatCentral/fieldChecks/checkContactId';
import { InvalidFieldError } from '../../nodes/ChatCentral/fieldChecks/InvalidFieldError';

describe('checkContactId', () => {
	it('returns the ID exactly as given, spaces and all', () => {
		expect(checkContactId('abc-123')).toBe('abc-123');
		expect(checkContactId(' a b ')).toBe(' a b ');
	});

	it('accepts a whole number mapped from a previous node', () => {
		expect(checkContactId(5491122334455)).toBe('5491122334455');
	});

	it.each([
		['', 'is empty'],
		['   \t\n', 'is empty'],
		[undefined, 'must be text, got nothing'],
		[null, 'must be text, got nothing'],
		[{ id: 1 }, 'must be text, got an object'],
		[['a'], 'must be text, got a list'],
		[1.5, 'must be text, got 1.5'],
		[12345678901234567890, '12345678901234567000 is a number too large to be exact: its last digits were lost before it reached this node'],
		['.', '"." is not a contact ID'],
		['..', '".." is not a contact ID'],
	])('refuses %p: %s', (value, problem) => {
		expect(() => checkContactId(value)).toThrow(InvalidFieldError);
		expect(() => checkContactId(value)).toThrow(
			expect.objectContaining({ field: 'Contact ID', problem, hint: expect.stringMatching(/contact ID/) }) as Error,
		);
		// A model is told the same problem with a fix it can act on (no {{ $json }} mapping)
		expect(() => checkContactId(value)).toThrow(
			expect.objectContaining({
				refusalForModel: `Contact ID: ${problem}. Send the ChatCentral ID of the contact to message, as text, exactly as you were given it.`,
			}) as Error,
		);
	});
});
