import { rmSync } from 'node:fs';

afterAll(() => {
	const folder = process.env.N8N_USER_FOLDER;
	if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
});
