/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const api = 'http://127.0.0.1:4000';

const apiPaths = {
  '/graphql': api,
  '/healthz': api,
  '/explorer': api,
  // Data endpoints of the published views (apps/api/src/http/data-endpoints.ts).
  '^/[a-z]+/(data\\.(csv|json)|metadata\\.json)': api,
};

export default defineConfig({
  plugins: [vue()],
  build: {
    rollupOptions: {
      // The dashboard and, apart, the small embed page served at /embed/* (issue 13).
      input: { main: 'index.html', embed: 'embed.html' },
    },
  },
  define: {
    // vue-i18n compile-time flags: composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: { proxy: apiPaths },
  preview: { proxy: apiPaths },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Mounting whole pages under happy-dom is slow on a busy 2-core CI machine; this is a hang
    // guard, not a speed assertion (speed belongs in benchmarks).
    testTimeout: 30_000,
  },
});
