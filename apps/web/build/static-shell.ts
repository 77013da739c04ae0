// The first paint without waiting for the app's code: the built index.html carries, inside
// <div id="app">, the site header's brand (the same classes and texts as LayoutHeader.vue, in
// Vietnamese, the default language), drawn as soon as the HTML arrives. Vue's mount replaces the
// container's content with the real header, which starts with the same brand, so nothing that was
// drawn moves (no layout shift), and until then the reader sees where they are instead of a blank
// page (Lighthouse's first contentful paint on a slow phone came only after ~77 kB of scripts).
import type { Plugin } from 'vite';
import { vi } from '../src/i18n/vi';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The header brand as LayoutHeader.vue renders it (the link becomes plain text until the app runs). */
export function staticShellHtml(): string {
  return (
    '<header class="site-header"><div class="site-header__brand">' +
    '<span class="brand"><span class="brand__mark" aria-hidden="true">★</span>' +
    `<span>${escapeHtml(vi.app.title)}</span></span>` +
    `<span class="site-header__subtitle">${escapeHtml(vi.app.subtitle)}</span>` +
    '</div></header>'
  );
}

export function staticShellPlugin(): Plugin {
  return {
    name: 'ocop-static-shell',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // Only the dashboard's page: the embed page (embed.html) has no site header.
        if (!ctx.filename.endsWith('index.html')) return html;
        return html.replace('<div id="app"></div>', `<div id="app">${staticShellHtml()}</div>`);
      },
    },
  };
}
