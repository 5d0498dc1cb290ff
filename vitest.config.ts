import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'server/**/*.test.ts', 'widget/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Real PostgreSQL for the suites that run on it too, when it is installed (see the file).
    globalSetup: ['./test/support/postgres-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
