import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type AcceptedMessage, type Sandbox } from '../../dev/sandbox/server';
import { expectSuccess } from './expectAnswer';
import { sendContent, textMessage } from './sandboxClient';

let folder: string;
let recordFile: string;
let sandbox: Sandbox;

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'chatcentral-sandbox-'));
	recordFile = join(folder, 'nested', 'messages.jsonl');
	sandbox = await startSandbox({ recordFile, requestsPerSecond: 10_000 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => {
	await sandbox.close();
	rmSync(folder, { recursive: true, force: true });
});

function recordedLines(): AcceptedMessage[] {
	return readFileSync(recordFile, 'utf8')
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as AcceptedMessage);
}

async function sendMix(): Promise<void> {
	expectSuccess(await sendContent(sandbox, encodeURIComponent('a/b ü'), textMessage('first')));
	await sendContent(sandbox, 'contact-1', textMessage(), { token: 'wrong' });
	await sendContent(sandbox, 'contact-1', { body: [] });
	expectSuccess(
		await sendContent(sandbox, encodeURIComponent(Buffer.from('vib/1').toString('base64')), {
			body: [{ type: 'quick_reply', title: 'Sure?', replies: ['Yes', 'No'] }],
			forceCancelSurvey: true,
		}, { token: sandbox.viberToken }),
	);
}

test('the file holds one JSON line per accepted message, equal to the in-memory record', async () => {
	await sendMix();

	const accepted = sandbox.accepted();
	expect(accepted).toEqual([
		{
			sequence: 1,
			receivedAt: expect.any(Number),
			channel: 'standard',
			contactId: 'a/b ü',
			contactSegment: 'a%2Fb%20%C3%BC',
			payload: textMessage('first'),
		},
		{
			sequence: 2,
			receivedAt: expect.any(Number),
			channel: 'viber',
			contactId: 'vib/1',
			contactSegment: 'dmliLzE%3D',
			payload: { body: [{ type: 'quick_reply', title: 'Sure?', replies: ['Yes', 'No'] }], forceCancelSurvey: true },
		},
	]);
	expect(recordedLines()).toEqual(accepted);
});

test('no token appears in the file or in the in-memory record', async () => {
	await sendMix();
	for (const text of [readFileSync(recordFile, 'utf8'), JSON.stringify(sandbox.accepted())]) {
		expect(text).not.toContain(sandbox.token);
		expect(text).not.toContain(sandbox.viberToken);
	}
});

test('reset() empties the file and restarts the sequence', async () => {
	await sendMix();
	sandbox.reset();
	expect(readFileSync(recordFile, 'utf8')).toBe('');
	expectSuccess(await sendContent(sandbox, 'contact-1', textMessage()));
	expect(recordedLines().map(({ sequence }) => sequence)).toEqual([1]);
});

test('accepted() returns copies', async () => {
	await sendMix();
	const copy = sandbox.accepted();
	copy[0].contactId = 'changed';
	copy[0].payload.body[0].text = 'changed';
	expect(sandbox.accepted()[0]).toMatchObject({ contactId: 'a/b ü', payload: textMessage('first') });
});

test('a new sandbox starts its record file empty', async () => {
	const file = join(folder, 'stale.jsonl');
	writeFileSync(file, '{"sequence":1}\n');
	const fresh = await startSandbox({ recordFile: file });
	try {
		expect(readFileSync(file, 'utf8')).toBe('');
	} finally {
		await fresh.close();
	}
});
