// Every page loads without console errors, shows figures that match the seed and the API, and is
// captured as a full-page screenshot in test-artifacts/e2e.
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from '../src/browser';
import { gql, stats } from '../src/api';
import { formattedInt, horizontalOverflow, open, settled, tableCells } from '../src/app';
import { fold, productsFirstCertifiedIn, seedProducts } from '../src/seed';

let session: BrowserSession | null = null;
async function browser(): Promise<BrowserSession> {
  session = await openBrowser();
  return session;
}
afterEach(async () => {
  await session?.close();
  session = null;
});

describe('every page loads with seeded figures and no console errors', () => {
  it('overview (/) shows the 2021 targets, also at 360 px wide', async () => {
    const { page, consoleErrors } = await browser();
    await open(page, '/');
    await settled(page, '[data-testid="target-card-T1-CERTIFIED"]');
    const expected = productsFirstCertifiedIn(2021, '2021-12-31').length;
    expect(
      await page.getByTestId('target-card-T1-CERTIFIED').getByTestId('target-actual').innerText(),
    ).toBe(String(expected));
    expect(await page.locator('[data-testid^="target-card-T"]').count()).toBe(8);
    await screenshot(page, 'overview');
    expect.soft(await horizontalOverflow(page), 'no horizontal scrolling at 1280 px').toBe(0);

    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByTestId('target-card-T1-CERTIFIED').waitFor({ state: 'visible' });
    await screenshot(page, 'overview-360');
    expect(await horizontalOverflow(page), 'no horizontal scrolling at 360 px').toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('/districts lists every district-level unit with the API figures', async () => {
    const { page, consoleErrors } = await browser();
    const { districts } = await gql<{
      districts: {
        unit: { name: string };
        participatingEntities: number;
        productsEvaluated: number;
        productsCertified: number;
      }[];
    }>(
      `{ districts(planYear: 2021, asOf: "2021-12-31") { unit { name } participatingEntities productsEvaluated productsCertified } }`,
    );
    await open(page, '/districts?year=2021');
    await settled(page, '[data-testid="district-row"]');
    const cells = (await tableCells(page.getByTestId('districts-table'))).slice(1);
    expect(cells).toHaveLength(districts.length);
    expect(districts.length).toBe(11);
    districts.forEach((d, i) => {
      const row = cells[i]!;
      expect(row[0]).toContain(d.unit.name);
      expect(row.slice(1, 4).map(formattedInt)).toEqual([
        d.participatingEntities,
        d.productsEvaluated,
        d.productsCertified,
      ]);
    });
    // The certified column adds up to the seed's 2021 certifications.
    const certified = cells.reduce((sum, row) => sum + (formattedInt(row[3]!) ?? 0), 0);
    expect(certified).toBe(productsFirstCertifiedIn(2021, '2021-12-31').length);
    await screenshot(page, 'districts');
    expect.soft(await horizontalOverflow(page), 'no horizontal scrolling at 1280 px').toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('/departments shows the responsibility matrix with every body’s Vietnamese name', async () => {
    const { page, consoleErrors } = await browser();
    const { plan } = await gql<{
      plan: { responsibilities: { department: { code: string; nameVi: string } }[] };
    }>(`{ plan(year: 2021) { responsibilities { department { code nameVi } } } }`);
    await open(page, '/departments');
    await settled(page, '[data-testid="matrix-row"]');
    const bodies = new Map(plan.responsibilities.map((r) => [r.department.code, r.department]));
    expect(bodies.size).toBeGreaterThan(0);
    for (const d of bodies.values()) {
      await expect(page.getByTestId(`matrix-body-${d.code}`).innerText()).resolves.toContain(
        d.nameVi,
      );
    }
    await screenshot(page, 'departments');
    expect.soft(await horizontalOverflow(page), 'no horizontal scrolling at 1280 px').toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('/products lists the seeded products, 20 a page', async () => {
    const { page, consoleErrors } = await browser();
    const seeded = new Set(seedProducts().map((r) => r.product_name));
    const { products } = await gql<{ products: { totalCount: number } }>(
      `{ products(first: 1) { totalCount } }`,
    );
    await open(page, '/products');
    await settled(page, '[data-testid="product-row"]');
    expect(await page.getByTestId('products-count').innerText()).toContain(
      String(products.totalCount),
    );
    const rows = page.getByTestId('product-row');
    expect(await rows.count()).toBe(Math.min(20, products.totalCount));
    for (const name of await rows.locator('th').allInnerTexts())
      expect(seeded.has(name.trim()), name).toBe(true);
    await screenshot(page, 'products');
    expect.soft(await horizontalOverflow(page), 'no horizontal scrolling at 1280 px').toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('/products/:id shows the product from the seed', async () => {
    const { page, consoleErrors } = await browser();
    const row = seedProducts().find(
      (r) => fold(r.product_name) === 'mam ca linh chung (dong hop)',
    )!;
    const { products } = await gql<{
      products: { edges: { node: { id: string; name: string } }[] };
    }>(
      `query ($s: String) { products(first: 5, filter: { search: $s }) { edges { node { id name } } } }`,
      { s: row.product_name },
    );
    const product = products.edges.map((e) => e.node).find((p) => p.name === row.product_name)!;
    await open(page, `/products/${product.id}?asOf=2021-12-31`);
    await settled(page, '#product-title');
    expect(await page.locator('#product-title').innerText()).toContain(row.product_name);
    const facts = await page.locator('dl.facts').first().innerText();
    expect(facts).toContain(row.entity_name);
    expect(facts).toContain(row.district);
    await screenshot(page, 'product');
    expect.soft(await horizontalOverflow(page), 'no horizontal scrolling at 1280 px').toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('/figures shows the products table and total as of the end of 2021', async () => {
    const { page, consoleErrors } = await browser();
    const expected = await stats({
      measure: 'PRODUCTS',
      groupBy: 'UNIT',
      basis: 'VALID_ON_AS_OF',
      asOf: '2021-12-31',
    });
    expect(expected.total).toBeGreaterThan(0);
    await open(page, '/figures?asOf=2021-12-31');
    await settled(page, '[data-testid="figures-table"]');
    expect(formattedInt(await page.getByTestId('figures-total').innerText())).toBe(expected.total);
    expect(await page.getByTestId('figures-row').count()).toBe(expected.rows.length);
    await screenshot(page, 'figures');
    expect.soft(await horizontalOverflow(page), 'no horizontal scrolling at 1280 px').toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('/api shows the explorer link and example queries', async () => {
    const { page, consoleErrors } = await browser();
    await open(page, '/api');
    await settled(page, '[data-testid="explorer-link"]');
    expect(await page.getByTestId('explorer-link').getAttribute('href')).toBe('/explorer');
    expect(await page.locator('[data-testid^="api-example-"]').count()).toBeGreaterThan(0);
    // The explorer it links to is served by the same process.
    const res = await fetch(new URL('/explorer', page.url()));
    expect(res.status).toBe(200);
    await screenshot(page, 'api');
    expect.soft(await horizontalOverflow(page), 'no horizontal scrolling at 1280 px').toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
