// The dashboard's HTML for a page whose code loads lazily names that code up front: the web build
// writes dist/route-preloads.json (apps/web/build/route-preloads.ts: each lazily loaded route's
// chunks and stylesheets), and the page fallback sends index.html with a
// `<link rel="modulepreload">` per chunk, so the browser fetches the page's code together with the
// app's instead of one round trip later. Built once at start-up; a build without the file (or a
// path it does not name) gets index.html as it is.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface RoutePreload {
  path: string;
  scripts: string[];
  styles: string[];
}

export interface PageHtml {
  html: string;
  /** Strong validator of these exact bytes. */
  etag: string;
}

/** `/products/:id` → a pattern matching `/products/42` (and a trailing slash). */
function routePattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

const attribute = (file: string) => `/${file}`.replace(/"/g, '&quot;');

function withPreloads(indexHtml: string, route: RoutePreload): string {
  const links = [
    ...route.scripts.map((f) => `<link rel="modulepreload" crossorigin href="${attribute(f)}">`),
    ...route.styles.map((f) => `<link rel="preload" as="style" href="${attribute(f)}">`),
  ].join('');
  return indexHtml.replace('</head>', `${links}</head>`);
}

const pageHtml = (html: string): PageHtml => ({
  html,
  etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
});

/** The HTML to send for a page path: with its route's preloads, or null (send index.html). */
export function loadPagePreloads(webRoot: string): (path: string) => PageHtml | null {
  const manifest = resolve(webRoot, 'route-preloads.json');
  if (!existsSync(manifest)) return () => null;
  const indexHtml = readFileSync(resolve(webRoot, 'index.html'), 'utf8');
  const routes = (JSON.parse(readFileSync(manifest, 'utf8')) as RoutePreload[]).map((route) => ({
    pattern: routePattern(route.path),
    page: pageHtml(withPreloads(indexHtml, route)),
  }));
  return (path) => routes.find((route) => route.pattern.test(path))?.page ?? null;
}
