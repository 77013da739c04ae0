// The build's own plugins (apps/web/build): the lazily loaded routes read from router.ts, the
// chunks each route preloads, and the static header drawn before the app runs.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mount } from '@vue/test-utils';
import type { Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { lazyRoutesOf, routePreloads } from '../build/route-preloads';
import { staticShellHtml } from '../build/static-shell';
import LayoutHeader from '../src/components/layout/LayoutHeader.vue';
import { createTestApp } from '../src/testing/setup';

const routerSource = readFileSync(resolve(__dirname, '../src/router.ts'), 'utf8');

function chunk(fileName: string, fields: Partial<Rolldown.OutputChunk>): Rolldown.OutputChunk {
  return {
    type: 'chunk',
    fileName,
    name: fileName.replace(/-.*$/, ''),
    imports: [],
    isEntry: false,
    isDynamicEntry: false,
    facadeModuleId: null,
    ...fields,
  } as Rolldown.OutputChunk;
}

describe('route preloads', () => {
  it('reads every lazily loaded page of router.ts but the catch-all', () => {
    const routes = lazyRoutesOf(routerSource);
    const lazyImports = routerSource.match(/import\('\.\/pages\/\w+\.vue'\)/g) ?? [];
    expect(routes).toHaveLength(lazyImports.length - 1);
    expect(routes).toContainEqual({ path: '/figures', page: 'FiguresPage' });
    expect(routes).toContainEqual({ path: '/products/:id', page: 'ProductPage' });
    expect(routes).toContainEqual({ path: '/entry/plans', page: 'EntryPlansPage' });
    expect(routes.map((r) => r.path)).not.toContain('/');
    expect(routes.some((r) => r.page === 'NotFoundPage')).toBe(false);
  });

  it("lists a page's chunk, then its static imports the entry does not already load", () => {
    const bundle = {
      'assets/main-1.js': chunk('assets/main-1.js', {
        isEntry: true,
        name: 'main',
        imports: ['assets/vue-2.js'],
      }),
      'assets/vue-2.js': chunk('assets/vue-2.js', {}),
      'assets/FiguresPage-3.js': chunk('assets/FiguresPage-3.js', {
        isDynamicEntry: true,
        facadeModuleId: '/repo/apps/web/src/pages/FiguresPage.vue',
        imports: ['assets/vue-2.js', 'assets/ChartFrame-4.js'],
        viteMetadata: {
          importedCss: new Set(['assets/FiguresPage-5.css']),
          importedAssets: new Set(),
        },
      }),
      'assets/ChartFrame-4.js': chunk('assets/ChartFrame-4.js', { imports: ['assets/vue-2.js'] }),
    } as unknown as Rolldown.OutputBundle;
    expect(
      routePreloads(
        [
          { path: '/figures', page: 'FiguresPage' },
          { path: '/gone', page: 'GonePage' },
        ],
        bundle,
      ),
    ).toEqual([
      {
        path: '/figures',
        scripts: ['assets/FiguresPage-3.js', 'assets/ChartFrame-4.js'],
        styles: ['assets/FiguresPage-5.css'],
      },
    ]);
  });
});

describe('static shell', () => {
  it("is the brand of the app's own header, in Vietnamese", async () => {
    const { plugins } = await createTestApp('/');
    const header = mount(LayoutHeader, { global: { plugins: [...plugins] } });
    const shell = document.createElement('div');
    shell.innerHTML = staticShellHtml();
    const brand = header.get('.site-header__brand');
    const drawn = shell.querySelector('.site-header .site-header__brand')!;
    expect(drawn.querySelector('.brand')!.textContent).toBe(brand.get('.brand').text());
    expect(drawn.querySelector('.site-header__subtitle')!.textContent).toBe(
      brand.get('.site-header__subtitle').text(),
    );
    expect(drawn.textContent).toBe('★OCOP MonitorTheo dõi Kế hoạch 152/KH-UBND — tỉnh An Giang');
    header.unmount();
  });
});
