import type { N8nServer } from './realN8n';

/**
 * Registers an afterEach in the calling describe block (or file); the function it returns says
 * whether a test there has failed an assertion, so afterAll can keep the temp folders to look at.
 */
export function trackFailedAssertions(): () => boolean {
	let failed = false;
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls > 0 && state.numPassingAsserts < state.assertionCalls) failed = true;
	});
	return () => failed;
}

/**
 * For afterAll, once n8n has stopped: removes its temp folder, or keeps it to look at (and says
 * where) when a test failed an assertion or E2E_KEEP=1 asks for it.
 */
export function removeUnlessKept(server: N8nServer | undefined, anyFailed: boolean, log: (line: string) => void): void {
	if (server && (anyFailed || process.env.E2E_KEEP)) log(`kept n8n ${server.version}'s folder: ${server.workDir}`);
	else server?.remove();
}
