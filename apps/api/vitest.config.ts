import { defineConfig } from 'vitest/config';

// EVMTRAIL_TEST_DB=pg runs every database test on PostgreSQL (TEST_DATABASE_URL), one fresh
// database per test file; the default is PGlite, one instance per file loaded from a migrated
// template made once in global setup.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
