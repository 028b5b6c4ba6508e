// The README is the package's page on npm as well as on GitHub, and the package ships only dist/:
// a picture with a relative path has nothing to point at in the tarball, so npm shows it only if
// its site rewrites the path against the repository. Every README picture is therefore an
// absolute raw.githubusercontent.com URL built from package.json's `repository`, at HEAD (the
// form npm's rewrite itself produces), naming a file that exists here; and no picture in
// docs/images lies unused.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const projectRoot = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(projectRoot, path), 'utf8');

/** https://raw.githubusercontent.com/<owner>/<repo>/HEAD/ from package.json's repository (git+https://github.com/<owner>/<repo>.git). */
export function rawBase(repositoryUrl: string): string {
	const match = /^(?:git\+)?https:\/\/github\.com\/([^/]+)\/([^/]+?)(?:\.git)?$/.exec(repositoryUrl);
	if (match === null) throw new Error(`repository.url ${repositoryUrl} is not a GitHub repository`);
	return `https://raw.githubusercontent.com/${match[1]}/${match[2]}/HEAD/`;
}

/** The targets of markdown pictures `![alt](target)` and HTML `<img src="target">`. */
export const pictures = (markdown: string): string[] => [
	...[...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]),
	...[...markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((match) => match[1]),
];

const repository = (JSON.parse(read('package.json')) as { repository: { url: string } }).repository.url;
const base = rawBase(repository);

describe("the README's pictures", () => {
	const readmePictures = pictures(read('README.md'));

	test('the README shows pictures', () => {
		expect(readmePictures.length).toBeGreaterThan(0);
	});

	test.each(readmePictures)('%s is a raw URL of this repository at HEAD, naming a file that is here', (url) => {
		expect(url.startsWith(base)).toBe(true);
		expect(existsSync(join(projectRoot, url.slice(base.length)))).toBe(true);
	});

	test('every picture in docs/images is shown in the README or a docs page', () => {
		const shown = new Set([
			...readmePictures.map((url) => url.slice(base.length)),
			...readdirSync(join(projectRoot, 'docs'))
				.filter((name) => name.endsWith('.md'))
				.flatMap((name) => pictures(read(`docs/${name}`)).map((target) => join('docs', target))),
		]);
		const unused = readdirSync(join(projectRoot, 'docs', 'images')).filter((name) => !shown.has(`docs/images/${name}`));
		expect(unused).toEqual([]);
	});
});

describe('how the test reads pictures and repositories', () => {
	test('rawBase takes npm and GitHub spellings of a repository and refuses others', () => {
		expect(rawBase('git+https://github.com/o/r.git')).toBe('https://raw.githubusercontent.com/o/r/HEAD/');
		expect(rawBase('https://github.com/o/r')).toBe('https://raw.githubusercontent.com/o/r/HEAD/');
		expect(() => rawBase('git+https://gitlab.com/o/r.git')).toThrow('not a GitHub repository');
	});

	test('pictures finds markdown and HTML pictures, and no links', () => {
		expect(pictures('![a](x/1.png) [link](y.md) <img alt="b" src="z/2.png"> ![c](<w/3.png> "t")')).toEqual(['x/1.png', 'w/3.png', 'z/2.png']);
	});
});
