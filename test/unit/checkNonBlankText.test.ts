import { checkNonBlankText } from '../../nodes/ChatCentral/fieldChecks/checkNonBlankText';
import { InvalidFieldError } from '../../nodes/ChatCentral/fieldChecks/InvalidFieldError';

describe('checkNonBlankText', () => {
	it('returns the text untouched', () => {
		expect(checkNonBlankText('Text', '  Hi there  ', 'hint')).toBe('  Hi there  ');
		expect(checkNonBlankText('Title', '😀', 'hint')).toBe('😀');
	});

	it.each([
		['', 'is empty'],
		[' \n\t ', 'is empty'],
		[undefined, 'must be text, got nothing'],
		[42, 'must be text, got 42'],
		[true, 'must be text, got the boolean true'],
	])('refuses %p: %s', (value, problem) => {
		expect(() => checkNonBlankText('Title', value, 'Write the question')).toThrow(
			expect.objectContaining({ field: 'Title', problem, hint: 'Write the question' }) as Error,
		);
		expect(() => checkNonBlankText('Title', value, 'x')).toThrow(InvalidFieldError);
	});
});
