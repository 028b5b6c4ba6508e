// Is package.json ready to publish? Prints each problem with what to set; exits 1 on any.
//
//   node dev/scripts/releaseReady.mjs            (.ci/run) repository, homepage, bugs and author
//                                            name the same GitHub repository; CHANGELOG.md has
//                                            a section for the version
//   node dev/scripts/releaseReady.mjs --release  (publish.yml) also: this run's repository and tag
//                                            are that repository and v<version>, and the author
//                                            email is a real address, the CHANGELOG section has
//                                            its release date
//
// npm refuses a provenance statement whose repository.url is not the repository the GitHub
// Action runs in, and n8n's scanner fetches the source from there: better to fail before.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const release = process.argv.includes('--release');
const problems = [];

const repositoryUrl = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
const repo = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)\.git$/.exec(repositoryUrl ?? '')?.[1];
if (repo === undefined) {
	problems.push(`repository.url is ${JSON.stringify(repositoryUrl)}: set "git+https://github.com/OWNER/REPO.git"`);
} else {
	const expected = {
		homepage: [pkg.homepage, `https://github.com/${repo}#readme`],
		'bugs.url': [pkg.bugs?.url, `https://github.com/${repo}/issues`],
	};
	for (const [field, [actual, wanted]] of Object.entries(expected)) {
		if (actual !== wanted) problems.push(`${field} is ${JSON.stringify(actual)}: set "${wanted}" (repository.url names ${repo})`);
	}
	if (pkg.author?.url !== undefined && !pkg.author.url.startsWith(`https://github.com/${repo.split('/')[0]}`)) {
		problems.push(`author.url is ${JSON.stringify(pkg.author.url)}: set a page of https://github.com/${repo.split('/')[0]} (or remove it)`);
	}
	if (release && process.env.GITHUB_REPOSITORY !== repo) {
		problems.push(`this runs in ${process.env.GITHUB_REPOSITORY}, but repository.url names ${repo}: set repository, homepage and bugs to github.com/${process.env.GITHUB_REPOSITORY}`);
	}
}
if (!pkg.author?.name?.trim()) problems.push('author.name is empty: set the publisher\'s name');
// Reserved for documentation and tests (RFC 2606, RFC 6761): no one reads mail there.
const email = pkg.author?.email ?? '';
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems.push(`author.email is ${JSON.stringify(email)}: set the maintainers' address`);
else if (release && /\.(invalid|test|example|localhost)$|@example\.(com|org|net)$/i.test(email)) {
	problems.push(`author.email is the placeholder ${email}: set the address users and n8n's reviewers can write to`);
}

const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
const heading = new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\](.*)$`, 'm').exec(changelog);
if (heading === null) problems.push(`CHANGELOG.md has no "## [${pkg.version}]" section: describe this version there`);
else if (release && !/^ - \d{4}-\d{2}-\d{2}$/.test(heading[1])) {
	problems.push(`CHANGELOG.md: "## [${pkg.version}]${heading[1]}" has no release date: write "## [${pkg.version}] - YYYY-MM-DD"`);
}
if (release && process.env.GITHUB_REF_NAME !== `v${pkg.version}`) {
	problems.push(`the tag is ${JSON.stringify(process.env.GITHUB_REF_NAME)} but package.json's version is ${pkg.version}: tag v${pkg.version}`);
}

for (const problem of problems) process.stdout.write(`FAIL ${problem}\n`);
process.stdout.write(
	problems.length === 0
		? `${pkg.name}@${pkg.version}: ${release ? 'ready to publish' : 'package metadata agree'} (github.com/${repo})\n`
		: `${pkg.name}@${pkg.version}: ${problems.length} problem(s)${release ? ', not publishing' : ''}\n`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
