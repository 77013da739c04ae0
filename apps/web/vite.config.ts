/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { readFileSync } from 'node:fs';
import { inlineEntryCss } from './build/inline-entry-css';
import { routePreloadsPlugin } from './build/route-preloads';
import { staticShellPlugin } from './build/static-shell';

const api = 'http://127.0.0.1:4000';

const apiPaths = {
  '/graphql': api,
  '/healthz': api,
  '/explorer': api,
  // Data endpoints of the published views (apps/api/src/http/data-endpoints.ts).
  '^/[a-z]+/(data\\.(csv|json)|metadata\\.json)': api,
};

export default defineConfig({
  plugins: [
    vue(),
    inlineEntryCss(),
    routePreloadsPlugin(() => readFileSync(new URL('./src/router.ts', import.meta.url), 'utf8')),
    staticShellPlugin(),
  ],
  build: {
    rollupOptions: {
      // The dashboard and, apart, the small embed page served at /embed/* (issue 13).
      input: { main: 'index.html', embed: 'embed.html' },
    },
  },
  server: { proxy: apiPaths },
  preview: { proxy: apiPaths },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['src/testing/intersection-observer.ts'],
    // Mounting whole pages under happy-dom is slow on a busy 2-core CI machine; this is a hang
    // guard, not a speed assertion (speed belongs in benchmarks).
    testTimeout: 60_000,
  },
});
