// The published views' data endpoints (/<view>/data.csv|data.json|metadata.json) and the embed
// page's frame-ancestors exception, on the seeded database of both dialects.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createServer } from '../src/server.js';
import { createTestApi, type TestApi } from './api.js';
import { DIALECTS } from './db.js';
import { productsView } from '../src/http/data-views.js';
import { productsParams } from '../src/http/view-params.js';

const FIGURES =
  '/figures/data.csv?measure=PRODUCTS&groupBy=UNIT&tax=1048&basis=EVER_CERTIFIED&asOf=2021-12-31&lang=vi';

function csvRows(body: string): string[][] {
  return body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

describe.each(DIALECTS)('data endpoints on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  it('figures/data.csv: BOM, data only, the stats rows with the unknown bucket last, then the total', async () => {
    const res = await api.app.inject({ method: 'GET', url: FIGURES });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="ocop-an-giang-products-unit-2021-12-31.csv"',
    );
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(res.body);
    expect(rows[0]).toEqual(['Đơn vị hành chính', 'Sản phẩm']);
    // The seed's 2020–2021 decision lists: 39 products, 10 of them without a district.
    expect(rows.at(-1)).toEqual(['Tổng', '39']);
    expect(rows.at(-2)).toEqual(['chưa ghi huyện', '10']);
    expect(rows[1]).toEqual(['Tịnh Biên', '7']);
    // No metadata in the data file.
    expect(res.body).not.toMatch(/Định nghĩa|https?:/);

    const stats = await api.gql(
      `{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-12-31") { total rows { key count } } }`,
    );
    const body = rows.slice(1, -1).map((r) => Number(r[1]));
    expect(body.reduce((a, b) => a + b, 0)).toBe(
      stats.data!.stats.rows.reduce((a: number, r: { count: number }) => a + r.count, 0),
    );
    expect(rows).toHaveLength(stats.data!.stats.rows.length + 2);
  });

  it('figures/data.json and metadata.json carry definition, as-of, basis, sources, coverage and permalink', async () => {
    const json = await api.app.inject({
      method: 'GET',
      url: FIGURES.replace('data.csv', 'data.json').replace('lang=vi', 'lang=en'),
    });
    expect(json.statusCode).toBe(200);
    const data = json.json();
    expect(data.columns).toEqual(['Administrative unit', 'Products']);
    expect(data.rows.at(-1)).toEqual(['no district recorded', 10]);
    expect(data.footer).toEqual([['Total', 39]]);
    expect(data.apart).toEqual(['no district recorded']);
    expect(data.asOf).toBe('2021-12-31');
    expect(data.basis).toBe('Ever certified');
    expect(data.definition).toMatch(/on or before 2021-12-31/);
    expect(data.coverage).toMatchObject({ total: 39, noDistrictRecorded: 10, yearOnlyRecords: 39 });
    expect(data.sources.length).toBeGreaterThan(0);
    expect(data.sources[0].host).toMatch(/\./);
    expect(data.permalink).toMatch(
      /^http:\/\/[^/]+\/figures\?measure=PRODUCTS&groupBy=UNIT&tax=1048&basis=EVER_CERTIFIED&asOf=2021-12-31&lang=en$/,
    );
    const meta = await api.app.inject({
      method: 'GET',
      url: FIGURES.replace('data.csv', 'metadata.json'),
    });
    const m = meta.json();
    expect(m.rows).toBeUndefined();
    expect(m.definition).toMatch(/31\/12\/2021/);
    expect(m.basis).toBe('Từng được công nhận');
  });

  it('answers 304 to a repeated request with the ETag, and 404 for a plan year without a plan', async () => {
    const first = await api.app.inject({ method: 'GET', url: FIGURES });
    const again = await api.app.inject({
      method: 'GET',
      url: FIGURES,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const noPlan = await api.app.inject({ method: 'GET', url: '/overview/data.csv?year=1999' });
    expect(noPlan.statusCode).toBe(404);
  });

  it('districts and plan overview have data.csv and metadata.json too', async () => {
    const districts = await api.app.inject({
      method: 'GET',
      url: '/districts/data.csv?year=2021&asOf=2021-12-31',
    });
    expect(districts.statusCode).toBe(200);
    const rows = csvRows(districts.body);
    expect(rows[0]![0]).toBe('Mã đơn vị');
    expect(rows).toHaveLength(12); // header + the 11 district-level units of 2021
    const plan = await api.app.inject({
      method: 'GET',
      url: '/overview/data.csv?year=2021&asOf=2021-12-31&lang=en',
    });
    const planRows = csvRows(plan.body);
    expect(planRows[0]).toEqual(['Target code', 'Target', 'Target value', 'Actual', 'Status']);
    expect(planRows.find((r) => r[0] === 'T1-CERTIFIED')?.[3]).toBe('12');
    const meta = await api.app.inject({
      method: 'GET',
      url: '/overview/metadata.json?year=2021&asOf=2021-12-31',
    });
    expect(meta.json().details.plan.code).toBe('152/KH-UBND');
    expect(meta.json().permalink).toMatch(/\/\?year=2021&asOf=2021-12-31&lang=vi$/);
  });
  it('products: every product matching the list filters, in its order, from the permalink page on, with the page columns', async () => {
    const list = async (filter: Record<string, unknown>, first = 100, after?: string) =>
      (
        await api.gql(
          `query ($filter: ProductFilter, $first: Int!, $after: String) {
            products(filter: $filter, first: $first, after: $after) {
              totalCount pageInfo { endCursor }
              nodes { id name currentStars unit { name } certificate(asOf: "2021-12-31") { status validUntil } }
            }
          }`,
          { filter: { asOf: '2021-12-31', ...filter }, first, after },
        )
      ).data!.products as {
        totalCount: number;
        pageInfo: { endCursor: string };
        nodes: {
          id: string;
          name: string;
          currentStars: number | null;
          unit: { name: string } | null;
          certificate: { status: string; validUntil: string } | null;
        }[];
      };
    const all = await list({});
    expect(all.totalCount).toBeGreaterThan(20);

    const csv = await api.app.inject({ method: 'GET', url: '/products/data.csv?asOf=2021-12-31' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="ocop-an-giang-products-2021-12-31.csv"',
    );
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'Mã sản phẩm,Sản phẩm,Hạng sao,Chủ thể,Đơn vị hành chính,"Xã, phường",Nhóm sản phẩm,Quyết định gần nhất,Giấy chứng nhận,Hiệu lực đến',
    );

    const json = (
      await api.app.inject({ method: 'GET', url: '/products/data.json?asOf=2021-12-31&lang=en' })
    ).json();
    expect(json.columns[2]).toBe('Stars');
    expect(json.rows.map((r: unknown[]) => r[0])).toEqual(all.nodes.map((n) => n.id));
    const withCertificate = all.nodes.find((n) => n.certificate)!;
    const row = json.rows.find((r: unknown[]) => r[0] === withCertificate.id);
    expect(row[1]).toBe(withCertificate.name);
    expect(row[2]).toBe(withCertificate.currentStars);
    expect(row[4]).toBe(withCertificate.unit?.name ?? null);
    expect(row[9]).toBe(withCertificate.certificate!.validUntil);
    expect(json.coverage).toEqual({ products: all.totalCount, rows: all.totalCount });
    expect(json.permalink).toMatch(/^http:\/\/[^/]+\/products\?asOf=2021-12-31&lang=en$/);

    // The page's filters (stars ever 4, a certificate status) and its cursor: the same rows.
    const fourStars = await list({ starsEver: [4], certificateStatus: 'VALID' });
    const filtered = (
      await api.app.inject({
        method: 'GET',
        url: '/products/data.json?stars=4&cert=VALID&asOf=2021-12-31&lang=vi',
      })
    ).json();
    expect(filtered.rows.map((r: unknown[]) => r[0])).toEqual(fourStars.nodes.map((n) => n.id));
    expect(fourStars.nodes.length).toBeGreaterThan(0);
    expect(filtered.rows.every((r: unknown[]) => r[8] === 'Còn hiệu lực')).toBe(true);
    const firstPage = await list({}, 20);
    const fromPage2 = (
      await api.app.inject({
        method: 'GET',
        url: `/products/metadata.json?asOf=2021-12-31&after=${encodeURIComponent(firstPage.pageInfo.endCursor)}`,
      })
    ).json();
    expect(fromPage2.coverage).toEqual({ products: all.totalCount, rows: all.totalCount - 20 });
    expect(fromPage2.rows).toBeUndefined();
  });

  it('products: a list longer than one API page is read page after page and written whole', () => {
    const page = (ids: string[], endCursor: string | null) => ({
      products: {
        totalCount: 3,
        pageInfo: { hasNextPage: endCursor !== null, endCursor },
        nodes: ids.map((id) => ({ id })),
      },
      stats: { sources: [] },
    });
    const vars = productsView.variables(productsParams({ asOf: '2021-12-31' }));
    expect(vars.first).toBe(100);
    const next = productsView.nextPage!(page(['1', '2'], 'c2'), vars);
    expect(next).toEqual({ ...vars, after: 'c2' });
    expect(productsView.nextPage!(page(['3'], null), next!)).toBeNull();
    const joined = productsView.joinPages!([page(['1', '2'], 'c2'), page(['3'], null)]) as {
      products: { nodes: { id: string }[] };
    };
    expect(joined.products.nodes.map((n) => n.id)).toEqual(['1', '2', '3']);
  });
});

describe('embed page headers', () => {
  let webDist: string;
  beforeAll(() => {
    webDist = mkdtempSync(join(tmpdir(), 'ocop-web-'));
    writeFileSync(join(webDist, 'index.html'), '<div id="app"></div>');
    writeFileSync(join(webDist, 'embed.html'), '<div id="embed"></div>');
  });
  afterAll(() => rmSync(webDist, { recursive: true, force: true }));

  it('lets any site frame /embed/* while every other page keeps frame-ancestors self', async () => {
    const api = await createTestApi('libsql', {}, { seed: false });
    const app = await createServer(loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: webDist }), api.orm);
    try {
      const embed = await app.inject({ method: 'GET', url: '/embed/figures?asOf=2021-12-31' });
      expect(embed.statusCode).toBe(200);
      expect(embed.body).toContain('<div id="embed">');
      expect(embed.headers['content-security-policy']).toMatch(/frame-ancestors \*/);
      expect(embed.headers['x-frame-options']).toBeUndefined();
      const page = await app.inject({ method: 'GET', url: '/figures' });
      expect(page.body).toContain('<div id="app">');
      expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    } finally {
      await app.close();
      await api.close();
    }
  });
});
