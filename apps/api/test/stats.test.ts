import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type TestApi } from './api.js';

const rowsOf = (rows: { key: string | null; count: number }[]) => Object.fromEntries(rows.map((r) => [r.key ?? 'null', r.count]));

describe.each(DIALECTS)('stats on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  it('counts certified products by unit as of 2021-12-31 with definition, decisions and sources', async () => {
    const res = await api.gql(`{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-12-31") {
      measure groupBy basis asOf definition total yearOnlyRecords rows { key label count } decisions { id } sources { url } } }`);
    expect(res.errors).toBeUndefined();
    const s = res.data!.stats;
    expect(s).toMatchObject({ measure: 'PRODUCTS', groupBy: 'UNIT', basis: 'EVER_CERTIFIED', asOf: '2021-12-31', total: 39, yearOnlyRecords: 39 });
    expect(rowsOf(s.rows)).toMatchObject({ 'tinh-bien': 7, 'chau-phu': 4, 'an-phu': 2, 'phu-tan': 2, 'tri-ton': 1, null: 10 });
    expect(s.rows.find((r: { key: string }) => r.key === 'tinh-bien').label).toBe('Tịnh Biên');
    expect(s.definition).toMatch(/on or before 2021-12-31/);
    expect(s.definition).toMatch(/Year-only dates count from 31 December/);
    expect(s.decisions.length).toBeGreaterThan(0);
    expect(s.sources.length).toBeGreaterThan(0);
  });

  it('counts by stars', async () => {
    const res = await api.gql('{ stats(measure: PRODUCTS, groupBy: STARS, asOf: "2021-12-31") { total rows { key label count } } }');
    expect(rowsOf(res.data!.stats.rows)).toEqual({ '3': 27, '4': 10, '5': 2 });
    expect(res.data!.stats.rows.map((r: { label: string }) => r.label)).toEqual(['3★', '4★', '5★']);
  });

  it('counts by product group in either taxonomy', async () => {
    const g1048 = await api.gql('{ stats(measure: PRODUCTS, groupBy: GROUP, asOf: "2021-12-31") { total rows { key label count } } }');
    expect(rowsOf(g1048.data!.stats.rows)).toMatchObject({ food: 27, beverage: 9 });
    const g148 = await api.gql('{ stats(measure: PRODUCTS, groupBy: GROUP, groupTaxonomy: "148", asOf: "2021-12-31") { rows { key count } } }');
    expect(rowsOf(g148.data!.stats.rows)).toMatchObject({ food: 27, beverage: 9 });
  });

  it('counts nothing before the first year-only decision takes effect', async () => {
    const res = await api.gql('{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2020-06-30") { total rows { count } } }');
    expect(res.data!.stats.total).toBe(0);
  });

  it('tells ever-certified from valid-on-as-of', async () => {
    const res = await api.gql(`{
      ever: stats(measure: PRODUCTS, groupBy: STARS, basis: EVER_CERTIFIED, asOf: "2025-06-30") { total definition }
      valid: stats(measure: PRODUCTS, groupBy: STARS, basis: VALID_ON_AS_OF, asOf: "2025-06-30") { total definition }
    }`);
    expect(res.data!.ever.total).toBe(39);
    expect(res.data!.valid.total).toBe(0);
    expect(res.data!.valid.definition).toMatch(/in force on 2025-06-30/);
  });

  it('gives the definition in Vietnamese too, dated dd/mm/yyyy', async () => {
    const res = await api.gql(`{
      ever: stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-12-31") { definitionVi }
      valid: stats(measure: PRODUCTS, groupBy: STARS, basis: VALID_ON_AS_OF, asOf: "2025-06-30") { definitionVi }
      evaluations: stats(measure: EVALUATIONS, groupBy: LEVEL, asOf: "2021-12-31") { definitionVi }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.ever.definitionVi).toBe(
      'Số sản phẩm khác nhau có giấy chứng nhận OCOP (quyết định công nhận từ 3 sao trở lên) được chứng nhận đến hết ngày 31/12/2021 (từng được chứng nhận, dù nay còn hay đã hết hiệu lực), phân nhóm theo đơn vị cấp huyện. Bản ghi chỉ ghi năm được tính từ ngày 31/12 của năm đó.',
    );
    expect(res.data!.valid.definitionVi).toMatch(/còn hiệu lực vào ngày 30\/06\/2025/);
    expect(res.data!.evaluations.definitionVi).toMatch(/^Số lượt đánh giá của hội đồng có ngày đến hết ngày 31\/12\/2021, phân nhóm theo cấp\./);
  });

  it('labels the group of records without a key "Không rõ", in one language', async () => {
    const res = await api.gql('{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-12-31") { rows { key label } } }');
    expect(res.data!.stats.rows.find((r: { key: string | null }) => r.key === null).label).toBe('Không rõ');
  });

  it('filters stats by unit', async () => {
    const res = await api.gql('{ stats(measure: PRODUCTS, groupBy: STARS, asOf: "2021-12-31", filter: { unitCode: "chau-phu" }) { total } }');
    expect(res.data!.stats.total).toBe(4);
  });
});
