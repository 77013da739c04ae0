// The journalists' page: the CSV download matches the table on screen, and the permalink restores the view.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from '../src/browser';
import { baseUrl, stats } from '../src/api';
import { afterQuery, formattedInt, open, settled, tableCells } from '../src/app';
import { parseCsv } from '../src/seed';
import { vi } from '../../apps/web/src/i18n/vi';

const sessions: BrowserSession[] = [];
async function browser(): Promise<BrowserSession> {
  const s = await openBrowser({ acceptDownloads: true });
  sessions.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

const TABLE = '[data-testid="figures-table"]';

async function downloadCsv(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-csv').click(),
  ]);
  const failure = await download.failure();
  if (failure) throw new Error(`download failed: ${failure}`);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** Table and CSV cells compared as text, except counts: "1.234" on screen is 1234 in the file. */
function comparable(cell: string): string {
  const n = formattedInt(cell);
  return n === null ? cell : String(n);
}

async function csvAndTable(): Promise<{
  csv: string[][];
  table: string[][];
  raw: { name: string; bytes: Buffer };
}> {
  const { page } = sessions[0]!;
  await open(page, '/figures?asOf=2021-12-31');
  await settled(page, TABLE);
  const table = await tableCells(page.locator(TABLE));
  const raw = await downloadCsv(page);
  const text = raw.bytes.toString('utf8');
  return { csv: parseCsv(text.replace(/^\uFEFF/, '')), table, raw };
}

describe("journalists' figures page", () => {
  it('downloads a UTF-8 CSV with BOM whose rows and total equal the table on screen', async () => {
    const { page, consoleErrors } = await browser();
    // The page's default basis is "ever certified" (journalists see the seeded figures at once).
    const expected = await stats({
      measure: 'PRODUCTS',
      groupBy: 'UNIT',
      basis: 'EVER_CERTIFIED',
      asOf: '2021-12-31',
    });
    const { csv, table, raw } = await csvAndTable();

    expect(raw.name).toBe('ocop-an-giang-products-unit-2021-12-31.csv');
    expect([...raw.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.bytes.toString('utf8')).toContain('\r\n');

    // The table: header, one row per group, total. The API and the table agree first.
    const body = table.slice(1, -1);
    expect(body).toHaveLength(expected.rows.length);
    // The bucket without a district comes last (issue 13), the others in the API's order.
    const ordered = [
      ...expected.rows.filter((r) => r.key !== null),
      ...expected.rows.filter((r) => r.key === null),
    ];
    expect(body.map((r) => formattedInt(r[1]!))).toEqual(ordered.map((r) => r.count));
    expect(body.at(-1)![0]).toBe(vi.figures.unknownBucket.UNIT);
    expect(table.at(-1)).toEqual([vi.common.total, String(expected.total)]);

    // The CSV: the same rows and total, cell for cell, in the same order.
    const csvBody = csv.slice(1, table.length - 1);
    expect(csvBody).toEqual(body.map((r) => r.map(comparable)));
    expect(csv[table.length - 1]).toEqual(table.at(-1)!.map(comparable));
    expect(csv[0]![0]).toBe(table[0]![0]);
    // Data only (issue 13): the metadata lives in metadata.json of the same view.
    expect(csv).toHaveLength(table.length);
    const href = await page.getByTestId('metadata-json').getAttribute('href');
    const meta = (await (await fetch(new URL(href!, baseUrl()))).json()) as Record<string, string>;
    expect(meta.asOf).toBe('2021-12-31');
    expect(meta.basis).toBe(vi.figures.bases.EVER_CERTIFIED);
    expect(meta.permalink).toContain('asOf=2021-12-31');
    expect(consoleErrors).toEqual([]);
  });

  it('CSV header row names the same columns as the table header (the measure, not a generic "count")', async () => {
    await browser();
    const { csv, table } = await csvAndTable();
    expect(table[0]).toEqual([vi.figures.groupBys.UNIT, vi.figures.measures.PRODUCTS]);
    expect(csv[0]).toEqual(table[0]);
  });

  it('a permalink opened in a fresh browser restores measure, grouping, basis, filters, date and table', async () => {
    const { page, consoleErrors } = await browser();
    await open(page, '/figures?asOf=2021-12-31');
    await settled(page, TABLE);

    await afterQuery(page, 'Stats', () =>
      page.getByTestId('figures-measure').selectOption('ENTITIES'),
    );
    await page.waitForURL((u) => u.searchParams.get('measure') === 'ENTITIES');
    await afterQuery(page, 'Stats', () =>
      page.getByTestId('figures-groupby').selectOption('STARS'),
    );
    await page.waitForURL((u) => u.searchParams.get('groupBy') === 'STARS');
    // Switch away from the default basis so the link has to carry it.
    await afterQuery(page, 'Stats', () => page.getByTestId('figures-basis-VALID_ON_AS_OF').check());
    await page.waitForURL((u) => u.searchParams.get('basis') === 'VALID_ON_AS_OF');
    await afterQuery(page, 'Stats', () => page.getByTestId('figures-year').selectOption('2020'));
    await page.waitForURL((u) => u.searchParams.get('year') === '2020');
    await settled(page, TABLE);

    const expected = await stats({
      measure: 'ENTITIES',
      groupBy: 'STARS',
      basis: 'VALID_ON_AS_OF',
      asOf: '2021-12-31',
      filter: { year: 2020 },
    });
    expect(expected.rows.length).toBeGreaterThan(1);
    const table = await tableCells(page.locator(TABLE));
    expect(table.slice(1, -1).map((r) => formattedInt(r[1]!))).toEqual(
      expected.rows.map((r) => r.count),
    );
    expect(formattedInt(table.at(-1)![1]!)).toBe(expected.total);

    const permalink = await page.getByTestId('permalink').getAttribute('href');
    expect(permalink).toBeTruthy();
    const params = new URL(permalink!).searchParams;
    expect(Object.fromEntries(params)).toMatchObject({
      measure: 'ENTITIES',
      groupBy: 'STARS',
      basis: 'VALID_ON_AS_OF',
      year: '2020',
      asOf: '2021-12-31',
    });

    const fresh = await browser();
    await fresh.page.goto(permalink!);
    await settled(fresh.page, TABLE);
    expect(await fresh.page.getByTestId('figures-measure').inputValue()).toBe('ENTITIES');
    expect(await fresh.page.getByTestId('figures-groupby').inputValue()).toBe('STARS');
    expect(await fresh.page.getByTestId('figures-basis-VALID_ON_AS_OF').isChecked()).toBe(true);
    expect(await fresh.page.getByTestId('figures-year').inputValue()).toBe('2020');
    expect(await fresh.page.getByTestId('asof-input').inputValue()).toBe('2021-12-31');
    expect(await tableCells(fresh.page.locator(TABLE))).toEqual(table);
    expect(await fresh.page.getByTestId('permalink').getAttribute('href')).toBe(permalink);
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
  });
});
