// The built pages carry their stylesheet inline: a `<link rel="stylesheet">` blocks the first
// paint for one more round trip (Lighthouse's render-blocking check), and the whole sheet is about
// 3.5 kB gzipped. Stylesheets that load with a lazy chunk (the data-entry forms) stay files.
//
// Each inlined sheet keeps a *disabled* `<link rel="stylesheet">` naming its file. A disabled
// stylesheet link is neither fetched nor applied; it is there for Vite's loader of lazy chunks,
// which looks for a stylesheet link with a chunk's CSS file before adding one. The shared chunk
// (Vue and styles.css, used by both entries) lists styles.css as its CSS, so without the marker
// every page with a chart downloaded the 12 kB sheet again, and waited for it, before painting.
import type { Plugin } from 'vite';

export function inlineEntryCss(): Plugin {
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
            const inline = `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
            return `${inline}<link rel="stylesheet" href="/${fileName}" disabled>`;
          },
        );
      },
    },
  };
}
