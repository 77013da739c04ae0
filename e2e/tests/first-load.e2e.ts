// What a first visit downloads before a page can paint: the HTML draws the site header at once,
// names a lazily loaded page's code (modulepreload) so it arrives with the app's, and the
// stylesheet inlined in the HTML is not fetched again when a page's chunks load.
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../src/browser';
import { open, settled } from '../src/app';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl } from '../src/api';
import { repoRoot } from '../src/server';

let session: BrowserSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

describe('first load', () => {
  it('/figures: the page chunk is preloaded by the HTML and no stylesheet is fetched twice', async () => {
    const html = await (await fetch(`${baseUrl()}/figures?lang=vi`)).text();
    // The header brand is in the HTML itself, drawn before any script runs.
    expect(html).toContain(
      '<span class="site-header__subtitle">Theo dõi Kế hoạch 152/KH-UBND — tỉnh An Giang</span>',
    );
    const preloaded = [
      ...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g),
    ].map((m) => m[1]!);
    expect(preloaded.some((href) => /\/assets\/FiguresPage-[\w-]+\.js$/.test(href))).toBe(true);
    const inlined = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)" disabled>/g)].map(
      (m) => m[1]!,
    );
    expect(inlined.length).toBeGreaterThan(0);

    session = await openBrowser();
    const { page, consoleErrors } = session;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await open(page, '/figures');
    await settled(page, '[data-testid="figures-table"]');
    const figuresChunk = requested.findIndex((p) => /\/assets\/FiguresPage-[\w-]+\.js$/.test(p));
    const firstQuery = requested.indexOf('/graphql');
    expect(figuresChunk).toBeGreaterThan(-1);
    // Requested with the app's own code, before the app asked anything of the API.
    expect(figuresChunk).toBeLessThan(firstQuery);
    for (const sheet of inlined) expect(requested).not.toContain(sheet);
    // Styles still apply: the page header is laid out by the inlined sheet.
    expect(await page.locator('.site-header').evaluate((el) => getComputedStyle(el).display)).toBe(
      'flex',
    );
    expect(consoleErrors).toEqual([]);
  });

  it('every page the build names preloads files the server has, for each lazily loaded route', async () => {
    const routes = JSON.parse(
      readFileSync(join(repoRoot, 'apps/web/dist/route-preloads.json'), 'utf8'),
    ) as { path: string; scripts: string[]; styles: string[] }[];
    expect(routes.map((r) => r.path)).toContain('/figures');
    const files = new Set(routes.flatMap((r) => [...r.scripts, ...r.styles]));
    for (const file of files) {
      const res = await fetch(`${baseUrl()}/${file}`, { method: 'HEAD' });
      expect(`${file} ${res.status}`).toBe(`${file} 200`);
    }
  });
});
