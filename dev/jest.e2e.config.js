/**
 * `npm run test:e2e`: the examples/ workflows in REAL n8n 2.41.1 and 1.123.81 (test/e2e).
 * Its own config: the files are *.e2e.ts so the unit suite (`npm test`) never picks them up.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
	},
	// Provisioning a fresh machine alone takes ~11 min; each n8n version ~2 min more.
	testTimeout: 30 * 60_000,
	maxWorkers: 1,
	verbose: true,
};
