// Silent wrong answers turned into right ones: a metric prefix is matched literally (its "_" is
// not a wildcard), and an unknown unit or department code is an error with close matches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type TestApi } from './api.js';

describe.each(DIALECTS)('codes and prefixes on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  it('publishedFigures(metricPrefix: "ag_entities") returns exactly the figures whose key starts so', async () => {
    const all = await api.gql('{ publishedFigures { metric } }');
    const expected = all.data!.publishedFigures.filter((f: { metric: string }) =>
      f.metric.startsWith('ag_entities'),
    );
    expect(expected.length).toBeGreaterThanOrEqual(17);
    const res = await api.gql('{ publishedFigures(metricPrefix: "ag_entities") { metric } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.publishedFigures).toEqual(expected);
    // "_" is literal: "agXentities" must not match, so a wildcard prefix finds nothing.
    const wildcard = await api.gql('{ publishedFigures(metricPrefix: "ag%entities") { metric } }');
    expect(wildcard.data!.publishedFigures).toEqual([]);
  });

  it('an unknown unit code in the products filter is an error naming the field and close matches', async () => {
    const res = await api.gql('{ products(filter: { unitCode: "tinh bien" }) { totalCount } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'filter.unitCode',
      // The district (until 12/2/2023) and the town after it are both named Tịnh Biên.
      suggestions: ['tinh-bien', 'tinh-bien-town'],
    });
    expect(res.errors?.[0]?.message).toBe(
      'There is no administrative unit with code "tinh bien". Did you mean "tinh-bien", "tinh-bien-town"?',
    );
    expect(res.errors?.[0]?.extensions.messageVi).toBe(
      'Không có đơn vị hành chính mang mã "tinh bien". Có phải bạn muốn nhập "tinh-bien", "tinh-bien-town"?',
    );
    const ok = await api.gql('{ products(filter: { unitCode: "tinh-bien" }) { totalCount } }');
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.products.totalCount).toBeGreaterThan(0);
  });

  it('stats, statsSeries and expiryRadar refuse unknown unit codes the same way', async () => {
    const stats = await api.gql(
      '{ stats(measure: PRODUCTS, groupBy: STARS, asOf: "2021-12-31", filter: { unitCode: "Cho Moi" }) { total } }',
    );
    expect(stats.errors?.[0]?.extensions).toMatchObject({
      field: 'filter.unitCode',
      suggestions: ['cho-moi'],
    });
    const series = await api.gql(
      '{ statsSeries(measure: PRODUCTS, interval: YEAR, from: "2020-01-01", to: "2021-12-31", filter: { unitCode: "xyz" }) { points { count } } }',
    );
    expect(series.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'filter.unitCode',
      suggestions: [],
    });
    expect(series.errors?.[0]?.message).toBe('There is no administrative unit with code "xyz".');
    const radar = await api.gql('{ expiryRadar(unitCode: "chau phu") { count } }');
    expect(radar.errors?.[0]?.extensions).toMatchObject({
      field: 'unitCode',
      suggestions: ['chau-phu'],
    });
  });

  it('an unknown department code in the activities filter suggests the department', async () => {
    const res = await api.gql('{ activities(filter: { departmentCode: "snn" }) { totalCount } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({
      field: 'filter.departmentCode',
      suggestions: ['SNN'],
    });
  });
});
