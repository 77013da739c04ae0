// Vietnamese first; the language switch changes every label to the English strings of apps/web/src/i18n.
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../src/browser';
import { stats } from '../src/api';
import { open, settled } from '../src/app';
import { vi } from '../../apps/web/src/i18n/vi';
import { en } from '../../apps/web/src/i18n/en';

let session: BrowserSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const NAV = ['overview', 'districts', 'departments', 'products', 'figures', 'api'] as const;

async function navTexts(): Promise<string[]> {
  const { page } = session!;
  return Promise.all(
    NAV.map(async (key) => (await page.getByTestId(`nav-${key}`).innerText()).trim()),
  );
}

describe('language switch', () => {
  it('switches the labels from Vietnamese to English and back, and keeps the choice', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    // The two languages really differ where the test looks.
    expect(vi.nav.overview).not.toBe(en.nav.overview);

    await open(page, '/');
    await settled(page, '[data-testid="target-card-T1-CERTIFIED"]');
    expect(await navTexts()).toEqual(NAV.map((k) => vi.nav[k]));
    expect(await page.locator('h1').innerText()).toBe(vi.overview.title);
    expect(await page.getByTestId('lang-switch').innerText()).toBe(vi.app.switchLang);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');

    await page.getByTestId('lang-switch').click();
    await page.waitForURL((url) => url.searchParams.get('lang') === 'en');
    await page.getByTestId('nav-overview').filter({ hasText: en.nav.overview }).waitFor();
    expect(await navTexts()).toEqual(NAV.map((k) => en.nav[k]));
    expect(await page.locator('h1').innerText()).toBe(en.overview.title);
    expect(await page.getByTestId('lang-switch').innerText()).toBe(en.app.switchLang);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.title()).toBe(`${en.nav.overview} — ${en.app.title}`);
    // Data stays: the target card still shows its figure.
    expect(
      await page.getByTestId('target-card-T1-CERTIFIED').getByTestId('target-actual').innerText(),
    ).toBe('12');

    // Navigating keeps English, and so does a new visit without ?lang (kept in localStorage).
    await page.getByTestId('nav-products').click();
    await page.waitForURL(
      (url) => url.pathname === '/products' && url.searchParams.get('lang') === 'en',
    );
    await settled(page, '[data-testid="product-row"]');
    expect(await page.locator('h1').innerText()).toBe(en.products.title);
    await open(page, '/districts');
    await settled(page, '[data-testid="district-row"]');
    expect(await page.locator('h1').innerText()).toBe(en.districts.title);

    await page.getByTestId('lang-switch').click();
    await page.waitForURL((url) => url.searchParams.get('lang') === 'vi');
    await page.getByTestId('nav-overview').filter({ hasText: vi.nav.overview }).waitFor();
    expect(await page.locator('h1').innerText()).toBe(vi.districts.title);
    expect(consoleErrors).toEqual([]);
  });

  it('in English, the figures table names levels and entity types in English', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    const cases = [
      { measure: 'EVALUATIONS', groupBy: 'LEVEL', labels: en.level as Record<string, string> },
      {
        measure: 'ENTITIES',
        groupBy: 'ENTITY_TYPE',
        labels: en.entityType as Record<string, string>,
      },
    ];
    for (const { measure, groupBy, labels } of cases) {
      const expected = await stats({
        measure,
        groupBy,
        basis: 'EVER_CERTIFIED',
        asOf: '2021-12-31',
      });
      const keyed = expected.rows.filter((r) => r.key !== null);
      expect(keyed.length).toBeGreaterThan(0);
      await open(
        page,
        `/figures?measure=${measure}&groupBy=${groupBy}&basis=EVER_CERTIFIED&asOf=2021-12-31&lang=en`,
      );
      await settled(page, '[data-testid="figures-row"]');
      const shown = (await page.getByTestId('figures-row').locator('th').allInnerTexts()).map((s) =>
        s.trim(),
      );
      // Row keys come from the API (e.g. "province", "household_business"); the label is the English enum name's.
      const want = expected.rows.map((r) =>
        r.key === null ? shown[expected.rows.indexOf(r)] : labels[r.key.toUpperCase()],
      );
      expect.soft(shown, `${groupBy} rows in English`).toEqual(want);
    }
    expect(consoleErrors).toEqual([]);
  });
});
