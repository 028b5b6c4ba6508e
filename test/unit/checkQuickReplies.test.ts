import {
	characterCount,
	checkQuickReplies,
	flattenReplies,
	repliesInText,
} from '../../nodes/ChatCentral/fieldChecks/checkQuickReplies';
import { InvalidFieldError } from '../../nodes/ChatCentral/fieldChecks/InvalidFieldError';

function problemOf(value: unknown): { field: string; problem: string } {
	try {
		checkQuickReplies(value);
	} catch (error) {
		if (error instanceof InvalidFieldError) return { field: error.field, problem: error.problem };
		throw error;
	}
	throw new Error('expected checkQuickReplies to refuse the value');
}

const replies = (count: number) => Array.from({ length: count }, (_, i) => `Option ${i + 1}`);

describe('characterCount', () => {
	it('counts code points, so an emoji is one character', () => {
		expect(characterCount('abc')).toBe(3);
		expect(characterCount('😀')).toBe(1);
		expect('😀'.length).toBe(2);
		expect(characterCount('Sí 👍')).toBe(4);
	});
});

function refusalForModel(value: unknown): string {
	try {
		checkQuickReplies(value);
	} catch (error) {
		if (error instanceof InvalidFieldError) return error.refusalForModel;
		throw error;
	}
	throw new Error('expected checkQuickReplies to refuse the value');
}

describe('repliesInText: one value carrying the whole list', () => {
	it('reads a JSON array', () => {
		expect(repliesInText('["Yes","No","Maybe later"]')).toEqual(['Yes', 'No', 'Maybe later']);
		expect(repliesInText(' [ "Yes" , 2 ] \n')).toEqual(['Yes', 2]);
	});

	it('reads one reply per line, leaving out blank lines', () => {
		expect(repliesInText('Yes\nNo\r\nMaybe later\n')).toEqual(['Yes', 'No', 'Maybe later']);
		expect(repliesInText('Yes\n\n  \nNo')).toEqual(['Yes', 'No']);
	});

	it('keeps a one-line text whole, brackets that are not JSON and commas included', () => {
		expect(repliesInText('Yes, please')).toEqual(['Yes, please']);
		expect(repliesInText('[Yes]')).toEqual(['[Yes]']);
		expect(repliesInText('{"a":1}')).toEqual(['{"a":1}']);
		expect(repliesInText('  ')).toEqual(['  ']);
	});
});

describe('flattenReplies', () => {
	it('expands rows that hold a list (a row mapped to an expression yielding an array)', () => {
		expect(flattenReplies(['Yes', ['Maybe', 'Later'], 'No'])).toEqual(['Yes', 'Maybe', 'Later', 'No']);
		expect(flattenReplies('Only')).toEqual(['Only']);
	});

	it('expands a row whose text is a JSON array or has several lines', () => {
		expect(flattenReplies(['["Yes","No"]', 'Maybe\nLater'])).toEqual(['Yes', 'No', 'Maybe', 'Later']);
		expect(flattenReplies('Yes\nNo\nMaybe later')).toEqual(['Yes', 'No', 'Maybe later']);
	});
});

describe('checkQuickReplies', () => {
	it('accepts 1 and 10 replies', () => {
		expect(checkQuickReplies(['Yes'])).toEqual(['Yes']);
		expect(checkQuickReplies(replies(10))).toEqual(replies(10));
	});

	it('refuses 0 replies', () => {
		expect(problemOf([])).toEqual({ field: 'Replies', problem: 'add at least one quick reply' });
		expect(problemOf(undefined)).toEqual({ field: 'Replies', problem: 'add at least one quick reply' });
	});

	it('refuses 11 replies, naming reply 11', () => {
		expect(problemOf(replies(11))).toEqual({
			field: 'Reply 11',
			problem: 'at most 10 quick replies are allowed (got 11)',
		});
	});

	it('counts replies after flattening mapped lists', () => {
		expect(problemOf([replies(6), replies(5)]).field).toBe('Reply 11');
	});

	it('accepts 20 characters, emoji counted as one', () => {
		const twentyWithEmoji = `${'a'.repeat(19)}😀`;
		expect(twentyWithEmoji.length).toBe(21);
		expect(checkQuickReplies([twentyWithEmoji])).toEqual([twentyWithEmoji]);
		expect(checkQuickReplies(['b'.repeat(20)])).toEqual(['b'.repeat(20)]);
	});

	it('refuses 21 characters, naming the reply', () => {
		const twentyOneWithEmoji = `${'a'.repeat(20)}😀`;
		expect(problemOf(['ok', twentyOneWithEmoji])).toEqual({
			field: 'Reply 2',
			problem: `"${twentyOneWithEmoji}" has 21 characters; at most 20 are allowed`,
		});
	});

	it.each([
		['', 'is empty'],
		['   ', 'is empty'],
		[null, 'must be text, got nothing'],
		[{ label: 'x' }, 'must be text, got an object'],
	])('refuses reply %p: %s', (reply, problem) => {
		expect(problemOf(['Yes', 'No', reply])).toEqual({ field: 'Reply 3', problem });
	});

	it('turns numbers into text', () => {
		expect(checkQuickReplies([1, 2, 3])).toEqual(['1', '2', '3']);
	});

	it('takes the whole list from one value, by the same rules', () => {
		expect(checkQuickReplies(['Yes\nNo\nMaybe later'])).toEqual(['Yes', 'No', 'Maybe later']);
		expect(checkQuickReplies(JSON.stringify(replies(10)))).toEqual(replies(10));
		expect(problemOf([JSON.stringify(replies(11))])).toEqual({
			field: 'Reply 11',
			problem: 'at most 10 quick replies are allowed (got 11)',
		});
		expect(problemOf(['Yes\n\n'.concat('a'.repeat(21))]).field).toBe('Reply 2');
		expect(problemOf(['\n \n'])).toEqual({ field: 'Replies', problem: 'add at least one quick reply' });
		expect(problemOf(['["Yes", ""]'])).toEqual({ field: 'Reply 2', problem: 'is empty' });
	});
});

describe('checkQuickReplies: the refusal a model reads', () => {
	it.each([
		[[], 'Replies: none were given. Send 1 to 10 replies, one per line or as a JSON array of texts.'],
		[replies(11), 'Replies: at most 10 are allowed, got 11. Send 10 or fewer.'],
		[
			['Yes', 'a'.repeat(21)],
			`Replies: reply 2 "${'a'.repeat(21)}" has 21 characters; at most 20 are allowed. Shorten it to 20 characters or fewer (an emoji counts as one).`,
		],
		[['Yes', ' '], 'Replies: reply 2 is empty. Give every reply a label, or leave the empty one out.'],
		[['Yes', { label: 'x' }], 'Replies: reply 2 must be text, got an object. Send every reply as text.'],
	])('%p → %s', (value, refusal) => {
		expect(refusalForModel(value)).toBe(refusal);
	});
});
