import { startSandbox, type Sandbox, type SandboxOptions } from '../../dev/sandbox/server';
import { e2eLog } from './e2eSuite';
import { removeUnlessKept, trackFailedAssertions } from './failedAssertions';
import { startN8n, type N8nServer, type StartN8nOptions } from './realN8n';

/**
 * startN8n's options but those this helper fills in: the package, the sandbox's credential, the
 * log. `baseUrl` points the credential elsewhere than the sandbox (a port nothing listens on).
 */
type N8nOptions = Omit<StartN8nOptions, 'tarball' | 'baseUrl' | 'token' | 'log'> & { baseUrl?: string };

export interface N8nWithSandbox {
	sandbox: () => Sandbox;
	/** Throws when n8n did not start. */
	n8n: () => N8nServer;
}

/**
 * For a real-n8n describe block: before its tests, starts a sandbox and real n8n with the packed
 * package (`tarball`, see packedPackage) and its ChatCentral credential on that sandbox; after
 * them, stops both and removes n8n's folder unless a test there failed an assertion. `n8n` may be
 * a function when its options need something an earlier beforeAll started (a model stand-in).
 */
export function n8nWithSandbox(options: { tarball: () => string; sandbox?: SandboxOptions; n8n: N8nOptions | (() => N8nOptions) }): N8nWithSandbox {
	let sandbox: Sandbox | undefined;
	let server: N8nServer | undefined;
	const anyFailed = trackFailedAssertions();

	beforeAll(async () => {
		sandbox = await startSandbox(options.sandbox);
		const n8nOptions = typeof options.n8n === 'function' ? options.n8n() : options.n8n;
		server = await startN8n({ ...n8nOptions, tarball: options.tarball(), baseUrl: n8nOptions.baseUrl ?? sandbox.baseUrl, token: sandbox.token, log: e2eLog });
	});
	afterAll(async () => {
		await server?.stop();
		await sandbox?.close();
		removeUnlessKept(server, anyFailed(), e2eLog);
	});

	return {
		sandbox: () => {
			if (sandbox === undefined) throw new Error('the sandbox did not start');
			return sandbox;
		},
		n8n: () => {
			if (server === undefined) throw new Error('n8n did not start');
			return server;
		},
	};
}
