// axe-core 4.14.1 on every public page (issue 13, point 6): no critical or serious violation, and
// headings that do not skip levels. The explorer (/explorer, GraphiQL) and the embed page too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../src/browser';
import { baseUrl, gql } from '../src/api';
import { open, settled } from '../src/app';
import { axeViolations, describeViolations } from '../src/axe';

let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

async function productId(): Promise<string> {
  const data = await gql<{ products: { edges: { node: { id: string } }[] } }>(
    `{ products(first: 1) { edges { node { id } } } }`,
  );
  return data.products.edges[0]!.node.id;
}

const PAGES: { name: string; path: string | (() => Promise<string>); ready: string }[] = [
  { name: 'overview', path: '/?lang=vi', ready: '[data-testid="target-grid"]' },
  { name: 'overview (en)', path: '/?lang=en', ready: '[data-testid="target-grid"]' },
  { name: 'districts', path: '/districts?lang=vi', ready: '[data-testid="scorecard"]' },
  {
    name: 'departments',
    path: '/departments?lang=vi',
    ready: '[data-testid="responsibility-matrix"]',
  },
  {
    name: 'department',
    path: '/departments/SCT?year=2021&lang=vi',
    ready: '[data-testid="activity-chart-SCT"]',
  },
  { name: 'products', path: '/products?lang=vi', ready: '[data-testid="products-table"]' },
  { name: 'product', path: async () => `/products/${await productId()}?lang=vi`, ready: 'main h1' },
  {
    name: 'figures',
    path: '/figures?asOf=2021-12-31&lang=vi',
    ready: '[data-testid="figures-table"]',
  },
  { name: 'api', path: '/api?lang=vi', ready: '[data-testid="explorer-link"]' },
  { name: 'sign-in', path: '/sign-in?lang=vi', ready: '[data-testid="signin-email"]' },
  { name: 'not found', path: '/no-such-page?lang=vi', ready: 'main h1' },
  {
    name: 'embed',
    path: '/embed/figures?asOf=2021-12-31&lang=vi',
    ready: '[data-testid="embed-chart"]',
  },
];

describe('axe-core: no critical or serious violations, no skipped heading levels', () => {
  for (const p of PAGES) {
    it(p.name, async () => {
      const { page } = session;
      await open(page, typeof p.path === 'string' ? p.path : await p.path());
      await settled(page, p.ready);
      const violations = await axeViolations(page);
      const blocking = violations.filter(
        (v) => v.impact === 'critical' || v.impact === 'serious' || v.id === 'heading-order',
      );
      expect(describeViolations(blocking)).toEqual([]);
    });
  }

  it('explorer (/explorer)', async () => {
    const { page } = session;
    await page.goto(`${baseUrl()}/explorer`, { waitUntil: 'load' });
    await page.locator('.graphiql-container').first().waitFor({ state: 'visible' });
    await page.locator('.cm-editor, .CodeMirror, .monaco-editor').first().waitFor();
    // The explorer's accessibility patch (apps/api/src/explorer/page.ts) runs after each render.
    await page
      .locator('.graphiql-query-editor textarea[aria-label]')
      .first()
      .waitFor({ state: 'attached' });
    const violations = await axeViolations(page);
    const blocking = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
    expect(describeViolations(blocking)).toEqual([]);
  });
});
