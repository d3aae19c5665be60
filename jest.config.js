/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  // ESM-only dependencies must be transformed to run under jest's CommonJS loader.
  transformIgnorePatterns: ['/node_modules/(?!(jose|@middy|fauxqs)/)'],
  // @middy/core exports only an "import" condition, which jest's CommonJS resolver does not try.
  // fauxqs (the local SQS) likewise exports only "import".
  moduleNameMapper: { '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js', '^fauxqs$': '<rootDir>/node_modules/fauxqs/dist/app.js' },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.serverless/', '/.esbuild/', '/.local/'],
  setupFiles: ['<rootDir>/test/env.ts'],
  globalSetup: '<rootDir>/test/globalSetup.ts',
  globalTeardown: '<rootDir>/test/globalTeardown.ts',
  testTimeout: 30000,
  // Two suites at once even on a 2-core machine: the end-to-end suites spend most of their time waiting on their
  // stacks (ffmpeg, polls, cold starts), so one worker left a core idle and npm test ran past 15 minutes.
  maxWorkers: 2,
};
