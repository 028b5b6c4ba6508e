/**
 * `npm run test:queue`: our package in REAL n8n 2.41.1 queue mode (Redis, PostgreSQL, a main
 * instance and two workers; test/queue). Its own config: *.queue.ts files are in neither
 * `npm test` nor `npm run test:e2e`.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
	},
	// Provisioning n8n on a fresh machine takes ~6 min; the cluster starts in ~1 min.
	testTimeout: 30 * 60_000,
	maxWorkers: 1,
	verbose: true,
};
