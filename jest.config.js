/** @type {import('jest').Config} */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** What every project shares: TypeScript through swc, in node, with reflect-metadata. */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  // The test database (PGlite, or a fresh database on TEST_DATABASE_URL), once per run for every project.
  globalSetup: '<rootDir>/test/helpers/globalSetup.ts',
  globalTeardown: '<rootDir>/test/helpers/globalTeardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit+api',
      testMatch: ['**/test/{api,unit}/**/*.test.ts'],
    },
    {
      // The console in Chromium (playwright-core), each file with its own server process and browser. Its global
      // setup builds admin/dist when stale, or prints the loud skip line when Chromium is missing.
      ...common,
      displayName: 'e2e',
      testMatch: ['**/test/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/e2e/helpers/globalSetup.ts',
      globalTeardown: '<rootDir>/test/e2e/helpers/globalTeardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/e2e/helpers/setup.ts'],
      // node, plus a flag for afterEach: did the test fail (then screenshots go to test-results/e2e/failed/).
      testEnvironment: '<rootDir>/test/e2e/helpers/environment.ts',
    },
  ],
};
