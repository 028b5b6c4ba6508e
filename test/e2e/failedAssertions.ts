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
