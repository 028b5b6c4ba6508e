import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { expectError, expectSuccess } from './expectAnswer';
import { sendContent, sleep, textMessage, type ApiAnswer } from './sandboxClient';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

function statuses(answers: ApiAnswer[]): Record<number, number> {
	const counts: Record<number, number> = {};
	for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
	return counts;
}

function burst(count: number, send: () => Promise<ApiAnswer>): Promise<ApiAnswer[]> {
	return Promise.all(Array.from({ length: count }, send));
}

test('of 40 concurrent requests on one token, 25 are accepted and 15 get 429; the other token is unaffected', async () => {
	const answers = await burst(40, () => sendContent(sandbox, 'contact-1', textMessage()));

	expect(statuses(answers)).toEqual({ 200: 25, 429: 15 });
	for (const answer of answers.filter(({ status }) => status === 429)) {
		expectError(answer, 429, 'Too many requests');
	}
	expect(sandbox.accepted()).toHaveLength(25);

	expectSuccess(await sendContent(sandbox, 'Y29udGFjdC0x', textMessage(), { token: sandbox.viberToken }));
	expectError(await sendContent(sandbox, 'contact-1', textMessage()), 429, 'Too many requests');

	await sleep(1100);
	expectSuccess(await sendContent(sandbox, 'contact-1', textMessage()));
	expect(sandbox.accepted()).toHaveLength(27);
});

test('requests answered 403 count towards the limit', async () => {
	const probes = await burst(25, () => sendContent(sandbox, 'contact-1', { body: [] }));
	expect(statuses(probes)).toEqual({ 403: 25 });
	expectError(await sendContent(sandbox, 'contact-1', textMessage()), 429, 'Too many requests');
});

test('requests answered 401 do not count', async () => {
	const refused = await burst(30, () => sendContent(sandbox, 'contact-1', textMessage(), { token: 'wrong' }));
	expect(statuses(refused)).toEqual({ 401: 30 });
	const answers = await burst(25, () => sendContent(sandbox, 'contact-1', textMessage()));
	expect(statuses(answers)).toEqual({ 200: 25 });
});

test('requestsPerSecond sets the limit', async () => {
	const strict = await startSandbox({ requestsPerSecond: 3 });
	try {
		const answers: ApiAnswer[] = [];
		for (let index = 0; index < 5; index++) answers.push(await sendContent(strict, 'contact-1', textMessage()));
		expect(answers.map(({ status }) => status)).toEqual([200, 200, 200, 429, 429]);
		expect(strict.accepted()).toHaveLength(3);
	} finally {
		await strict.close();
	}
});

test('reset() forgets the rate windows', async () => {
	await burst(25, () => sendContent(sandbox, 'contact-1', textMessage()));
	sandbox.reset();
	expectSuccess(await sendContent(sandbox, 'contact-1', textMessage()));
});
