// `npm run scan`: n8n's community-package scanner (@n8n/scan-community-package, what n8n runs
// before it verifies a package) on this package, offline. Its CLI downloads a published version;
// here its own exported analysis runs on the same two things it lints, with the same file
// patterns: the tarball `npm pack` makes from the current build, and the source tree (which n8n
// fetches from the commit the provenance statement names). Needs `npm run build` first.
// Exits 1 if either leg finds an error.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scannerRequire = createRequire(join(root, 'node_modules', '@n8n', 'scan-community-package', 'package.json'));
const glob = scannerRequire('fast-glob');
const scanner = scannerRequire('./package.json');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The tarball leg's patterns, as the scanner's analyzePackageByName passes them.
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const say = (line) => process.stdout.write(`${line}\n`);
const run = (command, args, cwd) => {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
	return result.stdout;
};
/** The files analyzePackage will lint in `dir` (its own glob and ignores). */
const filesToLint = (dir, patterns) =>
	glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).sort();

say(`${scanner.name} ${scanner.version} on ${pkg.name}@${pkg.version}`);
say('skipped: the provenance check and the downloads (they need a version published on the registry;');
say('         .github/workflows/publish.yml publishes with --provenance); the analysis below is the scanner\'s own');

const work = mkdtempSync(join(tmpdir(), 'chatcentral-scan-'));
let failed = false;
try {
	const tarballName = run('npm', ['pack', '--pack-destination', work, '--silent'], root).trim().split('\n').pop();
	const packageDir = join(work, 'package');
	mkdirSync(packageDir);
	run('tar', ['-xzf', join(work, tarballName), '-C', packageDir, '--strip-components=1'], work);

	// An empty build would pass the tarball leg with nothing linted: every file n8n loads must be in it.
	const shipped = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	const tarballFiles = filesToLint(packageDir, TARBALL_FILE_PATTERNS);
	const absent = shipped.filter((file) => !tarballFiles.includes(file));
	if (absent.length > 0) throw new Error(`${tarballName} lacks ${absent.join(', ')}: run npm run build first`);

	const sourceDir = findPackageRoot(root, pkg.name);
	const legs = [
		{ label: `tarball ${tarballName}`, dir: packageDir, patterns: TARBALL_FILE_PATTERNS },
		{ label: 'source', dir: sourceDir, patterns: SOURCE_FILE_PATTERNS },
	];
	for (const { label, dir, patterns } of legs) {
		const files = filesToLint(dir, patterns);
		const result = await analyzePackage(dir, patterns);
		failed ||= !result.passed || files.length === 0;
		say(`${result.passed && files.length > 0 ? 'pass' : 'FAIL'} ${label}: ${files.length} files (${patterns.join(', ')})${result.message ? `: ${result.message}` : ''}`);
		if (result.details) say(result.details);
	}
} catch (error) {
	failed = true;
	say(`FAIL ${error.message}`);
} finally {
	rmSync(work, { recursive: true, force: true });
}
say(failed ? 'scan: FAILED' : 'scan: passed, 0 errors');
process.exitCode = failed ? 1 : 0;
