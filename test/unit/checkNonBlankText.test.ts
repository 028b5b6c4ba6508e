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

	it('tells a model the fix meant for it, or the hint when there is none', () => {
		expect(() => checkNonBlankText('Text', ' ', 'Write it, or map it from a previous node.', 'Write the message to send.')).toThrow(
			expect.objectContaining({ refusalForModel: 'Text: is empty. Write the message to send.' }) as Error,
		);
		expect(() => checkNonBlankText('Title', '', 'Write the question.')).toThrow(
			expect.objectContaining({ refusalForModel: 'Title: is empty. Write the question.' }) as Error,
		);
	});
});
