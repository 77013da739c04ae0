import { defineConfig } from 'vitest/config';

// The generated-history tests compute every metric many times: 0.5 s on an idle machine, but CI
// machines are shared, so the timeout guards against hangs, not slowness (speed: pnpm bench).
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 60_000 } });
