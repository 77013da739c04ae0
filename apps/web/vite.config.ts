/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';

/**
 * The built pages carry their stylesheet inline: a `<link rel="stylesheet">` blocks the first
 * paint for one more round trip (Lighthouse's render-blocking check), and the whole sheet is about
 * 3.5 kB gzipped. Stylesheets that load with a lazy chunk (the data-entry forms) stay files.
 */
function inlineEntryCss(): Plugin {
  return {
    name: 'ocop-inline-entry-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return html.replace(
          /<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)">/g,
          (tag, fileName: string) => {
            const asset = ctx.bundle?.[fileName];
            if (!asset || asset.type !== 'asset') return tag;
            const css =
              typeof asset.source === 'string'
                ? asset.source
                : Buffer.from(asset.source).toString();
            return `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
          },
        );
      },
    },
  };
}

const api = 'http://127.0.0.1:4000';

const apiPaths = {
  '/graphql': api,
  '/healthz': api,
  '/explorer': api,
  // Data endpoints of the published views (apps/api/src/http/data-endpoints.ts).
  '^/[a-z]+/(data\\.(csv|json)|metadata\\.json)': api,
};

export default defineConfig({
  plugins: [vue(), inlineEntryCss()],
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
