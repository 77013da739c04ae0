// Which files each page's first visit needs beyond index.html's own, written at build time to
// dist/route-preloads.json. The API's page fallback (apps/api/src/http/page-preloads.ts) names them
// in the HTML it sends for that path (<link rel="modulepreload"> / a stylesheet preload), so the
// browser fetches a lazily loaded page's code while it fetches the app's, instead of only after
// the app has run and the router has asked for it: one network round trip fewer before the page
// paints (Lighthouse's mobile LCP on /figures waited for exactly that chain).
import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

export interface RoutePreload {
  /** The route's path as router.ts writes it (`/products/:id`). */
  path: string;
  /** Script files (under the site root, e.g. `assets/FiguresPage-x.js`), the page's chunk first. */
  scripts: string[];
  /** Stylesheets the page's chunks import. */
  styles: string[];
}

/** A lazily loaded route of router.ts: its path and the page component it imports. */
export interface LazyRoute {
  path: string;
  page: string;
}

// One route object of router.ts: `path: '…'`, then (without leaving the object) a component
// loaded by `() => import('./pages/X.vue')`. The catch-all (`/:pathMatch(.*)*`) is left out.
const LAZY_ROUTE =
  /\{\s*path:\s*'([^']+)',[^{}]*?component:\s*\(\)\s*=>\s*import\('\.\/pages\/(\w+)\.vue'\)/g;

/** The lazily loaded routes declared in router.ts's source. */
export function lazyRoutesOf(routerSource: string): LazyRoute[] {
  return [...routerSource.matchAll(LAZY_ROUTE)]
    .map(([, path, page]) => ({ path: path!, page: page! }))
    .filter((route) => !route.path.includes('pathMatch'));
}

/** The page's chunk and every chunk it imports statically, minus those the entry already loads. */
export function routePreloads(routes: LazyRoute[], bundle: OutputBundle): RoutePreload[] {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry && c.name === 'main');
  const loadedByEntry = new Set(entry ? closure(entry.fileName, bundle) : []);
  const byPage = new Map<string, OutputChunk>();
  for (const chunk of chunks) {
    const page = chunk.facadeModuleId?.match(/\/src\/pages\/(\w+)\.vue$/)?.[1];
    if (page && chunk.isDynamicEntry) byPage.set(page, chunk);
  }
  const out: RoutePreload[] = [];
  for (const route of routes) {
    const chunk = byPage.get(route.page);
    if (!chunk) continue;
    const files = closure(chunk.fileName, bundle).filter((f) => !loadedByEntry.has(f));
    const styles = new Set<string>();
    for (const file of files) {
      const css = (bundle[file] as OutputChunk).viteMetadata?.importedCss;
      for (const sheet of css ?? []) styles.add(sheet);
    }
    out.push({ path: route.path, scripts: files, styles: [...styles] });
  }
  return out;
}

/** `fileName` and the chunks it imports statically, transitively, in first-seen order. */
function closure(fileName: string, bundle: OutputBundle): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const chunk = bundle[name];
    if (seen.has(name) || chunk?.type !== 'chunk') return;
    seen.add(name);
    for (const imported of chunk.imports) visit(imported);
  };
  visit(fileName);
  return [...seen];
}

export function routePreloadsPlugin(readRouterSource: () => string): Plugin {
  return {
    name: 'ocop-route-preloads',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      // After Vite's own: its CSS plugin drops the chunks that only import stylesheets, which a
      // page's import list still names before that.
      order: 'post',
      handler(_options, bundle) {
        const preloads = routePreloads(lazyRoutesOf(readRouterSource()), bundle);
        this.emitFile({
          type: 'asset',
          fileName: 'route-preloads.json',
          source: `${JSON.stringify(preloads, null, 2)}\n`,
        });
      },
    },
  };
}
