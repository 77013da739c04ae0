// Every public page reserves the space of what it loads (issue 13, "Speed and stability"): the
// GraphQL answers are held back until the loading skeleton shows, then released, and the layout
// shifts Chromium reports (PerformanceObserver 'layout-shift', the entries Lighthouse's CLS sums)
// stay within the budget, on a desktop and a phone viewport. Screenshots of both states go to
// test-artifacts/e2e/shift-*.png.
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from '../src/browser';
import { gql } from '../src/api';
import { open, settled } from '../src/app';

/** Issue 13: CLS ≤ 0.05. */
const CLS_BUDGET = 0.05;

let session: BrowserSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

interface Shift {
  value: number;
  sources: string[];
}

declare global {
  interface Window {
    __shifts: Shift[];
  }
}

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 360, height: 740 },
] as const;

async function productId(): Promise<string> {
  const { products } = await gql<{ products: { edges: { node: { id: string } }[] } }>(
    `{ products(first: 1) { edges { node { id } } } }`,
  );
  return products.edges[0]!.node.id;
}

const PAGES: { name: string; path: () => Promise<string>; ready: string }[] = [
  {
    name: 'overview',
    path: async () => '/',
    ready: '[data-testid="target-card-T1-CERTIFIED"]',
  },
  { name: 'districts', path: async () => '/districts', ready: '[data-testid="district-row"]' },
  {
    name: 'departments',
    path: async () => '/departments',
    ready: '[data-testid="matrix-row"]',
  },
  {
    name: 'department',
    path: async () => '/departments/SNN?year=2021',
    ready: '[data-testid="activity-chart-SNN"]',
  },
  { name: 'products', path: async () => '/products', ready: '[data-testid="product-row"]' },
  {
    name: 'product',
    path: async () => `/products/${await productId()}`,
    ready: '#product-title',
  },
  { name: 'figures', path: async () => '/figures', ready: '[data-testid="figures-table"]' },
  { name: 'api', path: async () => '/api', ready: '[data-testid="explorer-link"]' },
];

describe('no layout shift when data arrives', () => {
  for (const viewport of VIEWPORTS) {
    for (const target of PAGES) {
      it(`${target.name} at ${viewport.width} px: CLS ≤ ${CLS_BUDGET}`, async () => {
        session = await openBrowser();
        const { page, consoleErrors } = session;
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await page.addInitScript(() => {
          window.__shifts = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & {
              value: number;
              hadRecentInput: boolean;
              sources?: { node?: Node | null }[];
            })[]) {
              if (entry.hadRecentInput) continue;
              window.__shifts.push({
                value: entry.value,
                sources: (entry.sources ?? []).map((s) => {
                  const el = s.node as Element | null | undefined;
                  if (!el || !('tagName' in el)) return String(s.node?.nodeName ?? '?');
                  return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
                    el.className && typeof el.className === 'string'
                      ? `.${el.className.trim().split(/\s+/).join('.')}`
                      : ''
                  }`;
                }),
              });
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        // Hold every GraphQL answer until the page has painted its loading state.
        let release!: () => void;
        const gate = new Promise<void>((ok) => (release = ok));
        // By path: the dashboard's public queries are GETs with a query string (?id=…).
        await page.route(
          (url) => url.pathname === '/graphql',
          async (route) => {
            await gate;
            await route.continue();
          },
        );
        const path = await target.path();
        await open(page, path);
        if (target.name !== 'api') {
          await page.getByTestId('state-loading').first().waitFor({ state: 'visible' });
          await screenshot(page, `shift-${target.name}-${viewport.name}-loading`);
        }
        release();
        await settled(page, target.ready);
        // Two frames, so the last shift of the settled page is reported.
        await page.evaluate(
          () =>
            new Promise<void>((ok) =>
              requestAnimationFrame(() => requestAnimationFrame(() => ok())),
            ),
        );
        await screenshot(page, `shift-${target.name}-${viewport.name}`);
        const shifts = await page.evaluate(() => window.__shifts);
        const cls = shifts.reduce((sum, s) => sum + s.value, 0);
        expect(
          cls,
          `layout shifts: ${JSON.stringify(shifts.map((s) => [s.value.toFixed(4), s.sources]))}`,
        ).toBeLessThanOrEqual(CLS_BUDGET);
        expect(consoleErrors).toEqual([]);
      });
    }
  }
});
