import { defineConfig } from 'vitest/config';

// Own config so per-package runs don't climb to a root config (STACK gotcha 4). API tests hit real
// databases (libsql files and a throwaway PostgreSQL database per file), so they get generous timeouts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
  },
});
