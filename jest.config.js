/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
	},
	setupFiles: ['<rootDir>/test/setup/isolateN8nUserFolder.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/setup/removeN8nUserFolder.ts'],
	testTimeout: 30_000,
};
