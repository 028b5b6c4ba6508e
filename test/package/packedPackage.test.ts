import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../dev/sandbox/server';
import { runNode } from '../harness';

const projectRoot = join(__dirname, '..', '..');

interface PackedFile {
	path: string;
}

let workFolder: string;
let packageFolder: string;
let packedFiles: string[];
let loader: PackageDirectoryLoader;
let sandbox: Sandbox;

// Builds and packs the package the way it is published, unpacks the tarball where n8n keeps
// community packages, and loads it with n8n's own package loader.
beforeAll(async () => {
	workFolder = mkdtempSync(join(tmpdir(), 'chatcentral-pack-'));
	execFileSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'pipe' });
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', workFolder], { cwd: projectRoot, encoding: 'utf8' }),
	) as Array<{ filename: string; files: PackedFile[] }>;
	packedFiles = packed.files.map((file) => file.path).sort();
	packageFolder = join(workFolder, 'node_modules', 'n8n-nodes-chatcentral');
	mkdirSync(packageFolder, { recursive: true });
	// The peer dependency, where npm puts it beside a package installed into n8n's nodes folder
	symlinkSync(join(projectRoot, 'node_modules', 'n8n-workflow'), join(workFolder, 'node_modules', 'n8n-workflow'));
	execFileSync('tar', ['-xzf', join(workFolder, packed.filename), '-C', packageFolder, '--strip-components=1']);
	loader = new PackageDirectoryLoader(packageFolder);
	await loader.loadAll();
	sandbox = await startSandbox();
}, 120_000);

afterAll(async () => {
	await sandbox?.close();
	rmSync(workFolder, { recursive: true, force: true });
});

describe('the npm package', () => {
	it('ships the built nodes, credentials, icons and codex, and nothing of the sources or tests', () => {
		expect(packedFiles).toEqual(
			expect.arrayContaining([
				'LICENSE',
				'README.md',
				'package.json',
				'dist/credentials/ChatCentralApi.credentials.js',
				'dist/nodes/ChatCentral/ChatCentral.node.js',
				'dist/nodes/ChatCentral/ChatCentral.node.json',
				'dist/nodes/ChatCentral/chatCentral.svg',
				'dist/nodes/ChatCentral/chatCentral.dark.svg',
			]),
		);
		// npm always adds the package's "main" file (index.js) to what `files` lists
		const unexpected = packedFiles.filter(
			(path) => !['LICENSE', 'README.md', 'package.json', 'index.js'].includes(path) && !path.startsWith('dist/'),
		);
		expect(unexpected).toEqual([]);
		expect(packedFiles.filter((path) => /\.test\.|sandbox|harness/.test(path))).toEqual([]);
	});

	it("loads in n8n's package loader with the node, its codex and the credential", () => {
		expect(Object.keys(loader.nodeTypes)).toEqual(['chatCentral']);
		expect(Object.keys(loader.credentialTypes)).toEqual(['chatCentralApi']);
		const { description } = loader.nodeTypes.chatCentral.type as INodeType;
		expect(description.displayName).toBe('ChatCentral');
		expect(description.codex?.categories).toEqual(['Communication']);
		expect(loader.known.credentials.chatCentralApi.supportedNodes).toEqual(['chatCentral']);
	});

	it('resolves every icon to a file inside the package', () => {
		const node = (loader.nodeTypes.chatCentral.type as INodeType).description;
		const credential = loader.credentialTypes.chatCentralApi.type as ICredentialType;
		const iconUrls = [node.iconUrl, credential.iconUrl].flatMap((url) =>
			typeof url === 'object' && url !== null ? [url.light, url.dark] : [url],
		);
		expect(iconUrls).toHaveLength(4);
		for (const iconUrl of iconUrls) {
			expect(iconUrl).toMatch(/^icons\/n8n-nodes-chatcentral\//);
			expect(existsSync(join(packageFolder, String(iconUrl).replace('icons/n8n-nodes-chatcentral/', '')))).toBe(true);
		}
	});

	it("gets n8n's Request Options (batching, timeout, proxy) added by the loader", () => {
		const { properties } = (loader.nodeTypes.chatCentral.type as INodeType).description;
		expect(properties.map((property) => property.name)).toContain('requestOptions');
	});

	it("sends a message when the loaded node runs in n8n's engine", async () => {
		const result = await runNode({
			nodeType: loader.nodeTypes.chatCentral.type as INodeType,
			credentialType: loader.credentialTypes.chatCentralApi.type as ICredentialType,
			credentials: { token: sandbox.token, baseUrl: sandbox.baseUrl },
			parameters: { resource: 'message', operation: 'sendText', contactId: 'c-1', text: 'From the tarball' },
			items: [{}],
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.accepted().map((m) => [m.contactId, m.payload])).toEqual([
			['c-1', { body: [{ type: 'text', text: 'From the tarball' }] }],
		]);
	});
});
