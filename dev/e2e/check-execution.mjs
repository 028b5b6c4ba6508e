// Reads what `n8n execute --id X --rawOutput` printed and what the sandbox recorded, prints the
// ChatCentral node's output items and checks them. Plain Node (any version), no dependencies.
//
//   node dev/e2e/check-execution.mjs --output exec.out --records sandbox-messages.jsonl --since N \
//     --expect-sent c-1,c-2 [--expect-error 'unknown-1=Contact not found'] [--node ChatCentral]
//
// `--rawOutput` does not make stdout pure JSON: n8n's logger writes to stdout too (task broker,
// license, ...). The execution (an IRun: data, mode, status, ...) is the last top-level JSON
// object, starting at a line that is exactly "{".
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: {
		output: { type: 'string' },
		records: { type: 'string' },
		since: { type: 'string', default: '0' },
		node: { type: 'string', default: 'ChatCentral' },
		'expect-sent': { type: 'string', default: '' },
		'expect-error': { type: 'string', multiple: true, default: [] },
	},
});

const failures = [];
const check = (ok, what) => {
	console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures.push(what);
};

const text = readFileSync(values.output, 'utf8');
const start = text.lastIndexOf('\n{\n') + 1 || (text.startsWith('{\n') ? 0 : -1);
let run;
try {
	run = JSON.parse(text.slice(start, text.lastIndexOf('\n}') + 2));
} catch {
	console.log(text.split('\n').slice(-40).join('\n'));
	console.log(`  FAIL no execution JSON in ${values.output}`);
	process.exit(1);
}

const nodeRuns = run.data?.resultData?.runData?.[values.node] ?? [];
const items = nodeRuns.flatMap((nodeRun) => nodeRun.data?.main?.[0] ?? []).map((item) => item.json);
console.log(`  execution status: ${run.status}, ${values.node} output (${items.length} items):`);
for (const item of items) console.log(`    ${JSON.stringify(item)}`);
const runError = run.data?.resultData?.error;
if (runError) console.log(`  execution error: ${runError.message} (node ${runError.node?.name ?? '-'})`);

const expectedSent = values['expect-sent'].split(',').filter(Boolean);
const expectedErrors = values['expect-error'].map((spec) => {
	const at = spec.indexOf('=');
	return { contactId: spec.slice(0, at), message: spec.slice(at + 1) };
});

check(run.status === 'success', `execution status is success`);
check(items.length === expectedSent.length + expectedErrors.length, `${values.node} returned one item per input item`);
for (const contactId of expectedSent) {
	check(
		items.some((item) => item.contactId === contactId && item.status === 'Success'),
		`${values.node} output: ${contactId} sent (status Success)`,
	);
}
for (const { contactId, message } of expectedErrors) {
	check(
		items.some((item) => typeof item.error === 'string' && item.error.includes(message)),
		`${values.node} output: an item with error "${message}" (for ${contactId})`,
	);
}

const records = readFileSync(values.records, 'utf8')
	.split('\n')
	.filter(Boolean)
	.slice(Number(values.since))
	.map((line) => JSON.parse(line));
const received = records.map((record) => record.contactId);
console.log(`  sandbox recorded ${records.length} new message(s): ${received.join(', ') || '-'}`);
check(
	JSON.stringify([...received].sort()) === JSON.stringify([...expectedSent].sort()),
	`sandbox received exactly ${expectedSent.join(', ')} (each once)`,
);

process.exit(failures.length === 0 ? 0 : 1);
