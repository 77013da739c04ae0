// Publishing (issue 13): the exported SVG carries title and source, an embed works in an <iframe>
// of another origin, and data.csv equals the table of the same permalink (figures and products).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../src/browser';
import { baseUrl, gql } from '../src/api';
import { formattedInt, open, settled, tableCells } from '../src/app';
import { parseCsv } from '../src/seed';
import { vi } from '../../apps/web/src/i18n/vi';
import { en } from '../../apps/web/src/i18n/en';
import { DATA_EXAMPLES } from '../../apps/web/src/pages/api-examples';

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

/** Table and CSV compared as text, except counts: "1.234" on screen is 1234 in the file. */
function comparable(cell: string): string {
  const n = formattedInt(cell);
  return n === null ? cell : String(n);
}

interface SourceRow {
  url: string;
}

describe('publishing figures', () => {
  it('exports an SVG (and the PNG drawn from it) whose text nodes carry the title, definition, date and source', async () => {
    const { page, consoleErrors } = await browser();
    await open(page, '/figures?asOf=2021-12-31&lang=vi');
    await settled(page, TABLE);
    const title = (await page.getByTestId('chart-title').innerText()).trim();
    expect(title).toBe(`${vi.figures.measures.PRODUCTS} theo ${vi.figures.groupBys.UNIT}`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-svg').click(),
    ]);
    expect(download.suggestedFilename()).toBe('ocop-an-giang-products-unit-2021-12-31.svg');
    const svg = readFileSync((await download.path())!, 'utf8');
    // Parse it in the browser, as an image consumer would.
    const texts = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        width: doc.documentElement.getAttribute('width'),
        height: doc.documentElement.getAttribute('height'),
        byRole: Object.fromEntries(
          [...doc.querySelectorAll('text[data-role]')].map((t) => [
            t.getAttribute('data-role'),
            t.textContent,
          ]),
        ),
        all: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      };
    }, svg);
    expect([texts.width, texts.height]).toEqual(['1200', '675']);
    expect(texts.byRole.title).toBe(title);
    expect(texts.byRole['as-of']).toBe('Tính đến ngày 31/12/2021 · Từng được công nhận');
    expect(texts.byRole.site).toBe('OCOP Monitor — An Giang');
    expect(texts.byRole.permalink).toContain('/figures?measure=PRODUCTS');
    // The source line names the publishers of the figure's sources (from the API).
    const { stats } = await gql<{ stats: { sources: SourceRow[] } }>(
      `{ stats(measure: PRODUCTS, groupBy: UNIT, basis: EVER_CERTIFIED, asOf: "2021-12-31") { sources { url } } }`,
    );
    const firstHost = new URL(stats.sources[0]!.url).host.replace(/^www\./, '');
    expect(texts.byRole.source).toContain('Nguồn: ');
    expect(texts.byRole.source).toContain(firstHost);
    // The unknown bucket is the last category and named as a missing record.
    const categories = texts.all.filter((_t, i) => i > 0);
    expect(categories).toContain('chưa ghi huyện');

    // The PNG: the same layout drawn on a canvas, 2× for sharpness.
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-png').click(),
    ]);
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([2400, 1350]);
    const [column] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-png-column').click(),
    ]);
    expect(readFileSync((await column.path())!).readUInt32BE(16)).toBe(1600);
    expect(consoleErrors).toEqual([]);
  });

  it('data.csv of a permalink equals the table that permalink shows (Vietnamese by unit, English by entity type)', async () => {
    const { page, consoleErrors } = await browser();
    for (const [query, messages] of [
      ['measure=PRODUCTS&groupBy=UNIT&tax=1048&basis=EVER_CERTIFIED&asOf=2021-12-31&lang=vi', vi],
      [
        'measure=ENTITIES&groupBy=ENTITY_TYPE&tax=1048&basis=EVER_CERTIFIED&asOf=2021-12-31&lang=en',
        en,
      ],
    ] as const) {
      await open(page, `/figures?${query}`);
      await settled(page, TABLE);
      const table = (await tableCells(page.locator(TABLE))).map((r) => r.map(comparable));
      const res = await fetch(`${baseUrl()}/figures/data.csv?${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      expect(csv).toEqual(table);
      expect(csv.at(-1)![0]).toBe(messages.common.total);
      // The page links to this very file.
      const href = await page.getByTestId('download-csv').getAttribute('href');
      expect(new URL(href!).search).toBe(`?${query}`);
    }
    expect(consoleErrors).toEqual([]);
  });

  it('products/data.csv of a permalink equals the list that permalink shows, page after page', async () => {
    const { page, consoleErrors } = await browser();
    /** The list on screen, one record per row, '–' as empty, as the CSV writes it. */
    const onScreen = () =>
      page.getByTestId('products-table').evaluate((table) =>
        [...(table as HTMLTableElement).tBodies[0]!.rows].map((tr) => {
          const text = (el: Node | null | undefined) => (el?.textContent ?? '').trim();
          const value = (el: Node | null | undefined) => (text(el) === '–' ? '' : text(el));
          /** A cell's first line: its text before the note under it (commune, end date). */
          const before = (cell: Element) => {
            const note = cell.querySelector('.note');
            const all = text(cell);
            const first = (note ? all.slice(0, all.lastIndexOf(text(note))) : all).trim();
            return first === '–' ? '' : first;
          };
          const [, stars, entity, unit, group, decision, certificate] = [...tr.cells];
          const href = tr.querySelector('th a')!.getAttribute('href')!;
          return [
            decodeURIComponent(href.split('?')[0]!.replace('/products/', '')),
            text(tr.cells[0]),
            String(text(stars!.querySelector('[aria-hidden="true"]')).length || ''),
            value(entity),
            before(unit!),
            text(unit!.querySelector('.note')),
            value(group),
            value(decision),
            before(certificate!),
            text(certificate!.querySelector('.note')),
          ];
        }),
      );
    const csvOf = async (search: string) => {
      const res = await fetch(`${baseUrl()}/products/data.csv${search}`);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    };
    /** The CSV's end date as the page writes it ("Hiệu lực đến 31/12/2024"). */
    const asShown = (rows: string[][], validUntil: string) =>
      rows.map((r) => [
        ...r.slice(0, 9),
        r[9] ? `${validUntil} ${r[9].split('-').reverse().join('/')}` : '',
      ]);
    const prefix = vi.product.validUntil.replace(' {date}', '');

    // Filtered to one page: the whole file is the table.
    await open(page, '/products?stars=4&asOf=2021-12-31&lang=vi');
    await settled(page, '[data-testid="product-row"]');
    const [header, ...rows] = await csvOf('?stars=4&asOf=2021-12-31&lang=vi');
    expect(header).toEqual([
      'Mã sản phẩm',
      vi.products.name,
      vi.products.stars,
      vi.products.entity,
      vi.common.unit,
      vi.products.commune,
      vi.products.group,
      vi.products.decision,
      vi.products.certificate,
      prefix,
    ]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(20);
    expect(await onScreen()).toEqual(asShown(rows, prefix));
    const href = await page.getByTestId('products-data-csv').getAttribute('href');
    expect(href).toBe('/products/data.csv?stars=4&asOf=2021-12-31&lang=vi');

    // The whole list: page 1 is the file's first 20 rows; page 2's permalink (its cursor) is the
    // file from row 21 on.
    await open(page, '/products?asOf=2021-12-31&lang=vi');
    await settled(page, '[data-testid="product-row"]');
    const all = (await csvOf('?asOf=2021-12-31&lang=vi')).slice(1);
    expect(all.length).toBeGreaterThan(20);
    expect(
      formattedInt((await page.getByTestId('products-count').innerText()).split(' ')[0]!),
    ).toBe(all.length);
    expect(await onScreen()).toEqual(asShown(all.slice(0, 20), prefix));
    await page.getByTestId('page-next').click();
    await page.waitForURL((url) => url.searchParams.has('after'));
    await settled(page, '[data-testid="product-row"]');
    const second = (await csvOf(new URL(page.url()).search)).slice(1);
    expect(second).toEqual(all.slice(20));
    expect(await onScreen()).toEqual(asShown(all.slice(20, 40), prefix));
    expect(consoleErrors).toEqual([]);
  });

  it('every data endpoint the API page documents answers as it says: type, BOM, metadata, cache headers, 304', async () => {
    const { page, consoleErrors } = await browser();
    await open(page, '/api?lang=vi');
    await page.getByTestId('api-data').waitFor({ state: 'visible' });
    for (const example of DATA_EXAMPLES) {
      // The page shows the curl command with this address on this server.
      const shown = await page.getByTestId(`api-data-example-${example.id}`).innerText();
      expect(shown).toContain(`curl -s`);
      expect(shown).toContain(`'${baseUrl()}${example.path}'`);

      const res = await fetch(`${baseUrl()}${example.path}`);
      expect(res.status, example.path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      const etag = res.headers.get('etag');
      expect(etag).toMatch(/^".+"$/);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (example.path.includes('/data.csv?')) {
        expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')).length).toBeGreaterThan(1);
      } else {
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        const body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
        for (const key of ['title', 'definition', 'asOf', 'sources', 'coverage', 'permalink'])
          expect(body, `${example.path} has ${key}`).toHaveProperty(key);
        const isData = example.path.includes('/data.json?');
        expect('rows' in body, example.path).toBe(isData);
      }
      const again = await fetch(`${baseUrl()}${example.path}`, {
        headers: { 'if-none-match': etag! },
      });
      expect(again.status, `${example.path} with If-None-Match`).toBe(304);
    }
    expect(consoleErrors).toEqual([]);
  });

  describe('embed', () => {
    let other: Server;
    let otherOrigin: string;
    beforeAll(async () => {
      // A newspaper's page on another origin (another port) that frames the embed.
      other = createServer((req, res) => {
        const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><html lang="vi"><head><title>Báo</title></head><body><h1>Bài báo</h1>${src}</body></html>`,
        );
      });
      await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
      otherOrigin = `http://localhost:${(other.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((ok) => other.close(ok));
    });

    it('the iframe code of the figures page shows the figure, its table and source inside another site', async () => {
      const { page, consoleErrors } = await browser();
      await open(page, '/figures?asOf=2021-12-31&lang=vi');
      await settled(page, TABLE);
      const code = await page.getByTestId('embed-code').inputValue();
      expect(code).toMatch(
        /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/figures\?measure=PRODUCTS/,
      );
      const expectedRows = (await tableCells(page.locator(TABLE))).slice(1, -1);

      await page.goto(`${otherOrigin}/?src=${encodeURIComponent(code)}`);
      expect(new URL(page.url()).origin).not.toBe(new URL(baseUrl()).origin);
      const frame = page.frameLocator('iframe');
      await frame.getByTestId('embed-chart').waitFor({ state: 'visible' });
      expect((await frame.getByTestId('chart-title').innerText()).trim()).toBe(
        `${vi.figures.measures.PRODUCTS} theo ${vi.figures.groupBys.UNIT}`,
      );
      await expect.poll(() => frame.locator('canvas').count()).toBe(1);
      // The table toggle opens the same rows as the dashboard's table.
      await frame.getByText(vi.common.showTable).click();
      const rows = await frame
        .locator('[data-testid="chart-table"] tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) =>
            [...(tr as HTMLTableRowElement).cells].map((c) => (c.textContent ?? '').trim()),
          ),
        );
      expect(rows.map((r) => [r[0], formattedInt(r[1]!)])).toEqual(
        expectedRows.map((r) => [r[0], formattedInt(r[1]!)]),
      );
      expect(await frame.getByTestId('embed-source').innerText()).toContain('Nguồn: ');
      // No site navigation inside the embed.
      expect(await frame.locator('nav, header').count()).toBe(0);
      expect(consoleErrors).toEqual([]);
    });

    it('other pages of the dashboard refuse to be framed by another origin', async () => {
      const res = await fetch(`${baseUrl()}/figures`);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
      const embed = await fetch(`${baseUrl()}/embed/figures`);
      expect(embed.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/);
      expect(embed.headers.get('x-frame-options')).toBeNull();
    });
  });
});
