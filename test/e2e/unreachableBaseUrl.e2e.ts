// A credential whose Base URL points at a port nothing listens on, in real n8n (2.41.1 and
// 1.123.81; E2E_VERSIONS selects): the connection is refused, so nothing was sent; the node
// tries again for its retry budget, then fails the item as unreachable (gaveUpError), never as
// "may have been delivered". n8n 1.x keeps the refusal's code only in the error's httpCode (no
// cause): see connectionErrorCode.

import { join } from 'node:path';

import { BASE_PATH } from '../../dev/sandbox/route';
import { e2eLog as log, packedPackage, seconds, selectedVersions } from './e2eSuite';
import { freePort } from './freePort';
import { n8nWithSandbox } from './n8nWithSandbox';
import { callWebhook, REPO_ROOT } from './realN8n';

const versions = selectedVersions();
const tarball = packedPackage(versions);

const WORKFLOW = join(REPO_ROOT, 'dev', 'e2e', 'fixtures', 'unreachable-workflow.json');

describe.each(versions)('n8n %s with a credential whose Base URL nothing listens on', (version) => {
	let closedPort = 0;
	beforeAll(async () => void (closedPort = await freePort()));
	const { sandbox, n8n } = n8nWithSandbox({
		tarball,
		n8n: () => ({ version, workflows: [WORKFLOW], baseUrl: `http://127.0.0.1:${closedPort}${BASE_PATH}` }),
	});

	test('the item fails as "nothing was sent" after its retries, not as "may have been delivered"', async () => {
		const started = performance.now();
		const answer = await callWebhook(n8n(), 'chatcentral-e2e-unreachable', { contactId: 'c-unreachable', text: 'Hello' });
		const error = String((answer.body as { error?: unknown }).error);
		log(`n8n ${version}: ${answer.status} after ${seconds(performance.now() - started)}: ${error}`);

		expect(answer.status).toBe(200);
		// gaveUpError's words: the refusal, and how often it was tried
		expect(error).toMatch(/^The service refused the connection - perhaps it is offline \(tried \d+ times\)$/);
		expect(error).not.toMatch(/may have been delivered/);
		expect(sandbox().accepted()).toEqual([]);
	});
});
