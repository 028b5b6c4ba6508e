import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's InstanceSettings writes an encryption key into <N8N_USER_FOLDER>/.n8n on first use;
// a fresh folder (jest runs setupFiles for every test file) keeps tests off the developer's own.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-user-folder-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// The engine logs every node error it reports; the run result already carries them.
// Set N8N_LOG_LEVEL (e.g. debug) before running jest to see n8n's logs.
process.env.N8N_LOG_LEVEL ??= 'silent';
