/**
 * `npm run test:queue`: our package in REAL n8n 2.41.1 queue mode (Redis, PostgreSQL, a main
 * instance and two workers; test/queue). As the e2e config, over *.queue.ts files, which are in
 * neither `npm test` nor `npm run test:e2e`.
 * @type {import('jest').Config}
 */
module.exports = {
	...require('./jest.e2e.config.js'),
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
};
