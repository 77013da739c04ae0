// Product search typed without Vietnamese diacritics finds names written with them.
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../src/browser';
import { gql } from '../src/api';
import { afterQuery, open, settled } from '../src/app';
import { fold, seedProducts } from '../src/seed';

let session: BrowserSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

/** Product names the API returns for a search (it matches product, commune, entity and unit names). */
async function apiSearch(search: string): Promise<string[]> {
  const data = await gql<{ products: { edges: { node: { name: string } }[] } }>(
    `query ($s: String) { products(first: 100, filter: { search: $s }) { edges { node { name } } } }`,
    { s: search },
  );
  return data.products.edges.map((e) => e.node.name);
}

async function searchInPage(search: string): Promise<string[]> {
  const { page } = session!;
  await open(page, '/products');
  await settled(page, '[data-testid="product-row"]');
  await afterQuery(page, 'Products', () => page.getByTestId('product-search').fill(search));
  await page.waitForURL((url) => url.searchParams.get('q') === search);
  await settled(page, '[data-testid="products-table"]');
  return (await page.getByTestId('product-row').locator('th').allInnerTexts()).map((s) => s.trim());
}

describe('diacritic-insensitive product search', () => {
  it('"mam ca linh" finds "Mắm cá linh chưng (đóng hộp)"', async () => {
    session = await openBrowser();
    const expected = seedProducts()
      .filter((r) => fold(r.product_name).includes('mam ca linh'))
      .map((r) => r.product_name);
    expect(expected).toEqual(['Mắm cá linh chưng (đóng hộp)']);
    expect(await apiSearch('mam ca linh')).toEqual(expected);

    const names = await searchInPage('mam ca linh');
    expect(names).toEqual(expected);
    expect(session.consoleErrors).toEqual([]);
  });

  it('"cho moi" finds the products of Chợ Mới (unit, commune or entity name)', async () => {
    session = await openBrowser();
    const expected = seedProducts()
      .filter((r) =>
        [r.product_name, r.commune, r.entity_name, r.district].some((v) =>
          fold(v).includes('cho moi'),
        ),
      )
      .map((r) => r.product_name)
      .sort();
    expect(expected).toEqual([
      'Bánh hạnh nhân',
      'Khô cá lóc',
      'Nước ép xoài (đóng lon)',
      'Trà kim ngân hoa',
      'Trà kim ngân hoa túi lọc',
    ]);
    expect((await apiSearch('cho moi')).sort()).toEqual(expected);

    const names = await searchInPage('cho moi');
    expect([...names].sort()).toEqual(expected);
    expect(await session.page.getByTestId('products-count').innerText()).toContain(
      String(expected.length),
    );
    expect(session.consoleErrors).toEqual([]);
  });
});
