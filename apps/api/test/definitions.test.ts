// A figure's definition names every condition of its query: a filtered count quoted without its
// filters would mislead (six filters and a total of 3 used to read as the unfiltered sentence).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type TestApi } from './api.js';

describe.each(DIALECTS)('definitions on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  it('a stats result filtered six ways says each filter, in both languages', async () => {
    const res = await api.gql(`{ stats(measure: PRODUCTS, groupBy: STARS, asOf: "2021-12-31",
      filter: { unitCode: "tinh-bien", group: "food", stars: [4, 3], level: PROVINCE, year: 2021, entityType: ENTERPRISE })
      { total definition definitionVi } }`);
    expect(res.errors).toBeUndefined();
    const s = res.data!.stats;
    expect(s.definition).toContain(
      ' Only those in Tịnh Biên (tinh-bien); in the product group Food (food); rated 3★, 4★ on the day counted; at provincial level; of the evaluation round of 2021; of enterprises.',
    );
    expect(s.definitionVi).toContain(
      ' Chỉ tính những bản ghi tại Tịnh Biên (tinh-bien); thuộc nhóm sản phẩm Thực phẩm (food); có hạng 3★, 4★ vào ngày tính; cấp tỉnh; thuộc đợt đánh giá năm 2021; của doanh nghiệp.',
    );
  });

  it('an unfiltered result has no filter clause', async () => {
    const res = await api.gql(
      '{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-12-31") { definition definitionVi } }',
    );
    expect(res.data!.stats.definition).not.toContain('Only those');
    expect(res.data!.stats.definitionVi).not.toContain('Chỉ tính những');
  });

  it('labels a unit with a lineage by its type and dates (Tịnh Biên district until 12/2/2023)', async () => {
    const res = await api.gql(
      '{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2025-06-30") { rows { key label } } }',
    );
    const labels = Object.fromEntries(
      res.data!.stats.rows.map((r: { key: string; label: string }) => [r.key, r.label]),
    );
    expect(labels['tinh-bien']).toBe('Tịnh Biên (huyện, đến 12/02/2023)');
    expect(labels['chau-phu']).toBe('Châu Phú');
  });

  it('a series names its filters too', async () => {
    const res =
      await api.gql(`{ statsSeries(measure: PRODUCTS, interval: YEAR, from: "2020-01-01", to: "2021-12-31",
      filter: { unitCode: "chau-phu" }) { definition definitionVi points { count } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.statsSeries.definition).toContain('Only those in Châu Phú (chau-phu).');
    expect(res.data!.statsSeries.definitionVi).toContain(
      'Chỉ tính những bản ghi tại Châu Phú (chau-phu).',
    );
  });
});
