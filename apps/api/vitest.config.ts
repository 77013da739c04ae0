import { defineConfig } from 'vitest/config';

// Own config so per-package runs don't pick up another package's settings. API tests hit real
// databases (libsql files and a throwaway PostgreSQL database per file), so they get generous timeouts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
  },
});
