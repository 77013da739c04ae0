import { defineConfig } from 'vitest/config';

// The browser tests share one API process (seeded SQLite, built dashboard) started in global setup.
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
