// statsSeries on both dialects, with the seed's year-only decisions (27 products first certified
// in 2020, 12 in 2021, all dated 31 December: data/seed/products-2020-2021.csv).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type Json, type TestApi } from './api.js';

const SERIES = `query($interval: SeriesInterval!, $from: Date!, $to: Date, $cumulative: Boolean, $filter: StatsFilter, $measure: StatsMeasure!) {
  statsSeries(measure: $measure, interval: $interval, from: $from, to: $to, cumulative: $cumulative, filter: $filter) {
    interval cumulative definition definitionVi points { label start end count yearOnlyRecords } } }`;

describe.each(DIALECTS)('statsSeries on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  const series = async (vars: Record<string, unknown>) => {
    const res = await api.gql(SERIES, { measure: 'PRODUCTS', ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.statsSeries;
  };

  it('gives 24 monthly points for 2020–2021, zeros included, in one request', async () => {
    const s = await series({ interval: 'MONTH', from: '2020-01-01', to: '2021-12-31' });
    expect(s.points).toHaveLength(24);
    expect(s.points[0]).toEqual({
      label: '2020-01',
      start: '2020-01-01',
      end: '2020-01-31',
      count: 0,
      yearOnlyRecords: 0,
    });
    const counts = Object.fromEntries(s.points.map((p: Json) => [p.label, p.count]));
    expect(counts['2020-12']).toBe(27);
    // Round 1/2021 is year-only but its certificates were handed over on 22/4/2021.
    expect(counts['2021-04']).toBe(12);
    expect(counts['2021-12']).toBe(0);
    expect(s.points.filter((p: Json) => p.count > 0)).toHaveLength(2);
    expect(s.points[11].yearOnlyRecords).toBe(27);
    expect(s.definition).toMatch(/zero included/);
    expect(s.definitionVi).toMatch(/kể cả khi bằng 0/);
  });

  it('runs cumulatively by quarter, counting each product once', async () => {
    const s = await series({
      interval: 'QUARTER',
      from: '2020-01-01',
      to: '2022-06-30',
      cumulative: true,
    });
    expect(s.points.map((p: Json) => [p.label, p.count])).toEqual([
      ['2020-Q1', 0],
      ['2020-Q2', 0],
      ['2020-Q3', 0],
      ['2020-Q4', 27],
      ['2021-Q1', 27],
      ['2021-Q2', 39],
      ['2021-Q3', 39],
      ['2021-Q4', 39],
      ['2022-Q1', 39],
      ['2022-Q2', 39],
    ]);
  });

  it('applies the stats filters and measures', async () => {
    const tinhBien = await series({
      interval: 'YEAR',
      from: '2020-01-01',
      to: '2021-12-31',
      cumulative: true,
      filter: { unitCode: 'tinh-bien' },
    });
    // stats(PRODUCTS, UNIT, asOf 2021-12-31) gives Tịnh Biên 7.
    expect(tinhBien.points[1].count).toBe(7);
    const certificates = await series({
      measure: 'CERTIFICATES',
      interval: 'YEAR',
      from: '2019-01-01',
      to: '2021-12-31',
    });
    expect(certificates.points.map((p: Json) => p.count)).toEqual([0, 27, 12]);
  });

  it('refuses a reversed range by field', async () => {
    const res = await api.gql(SERIES, {
      measure: 'PRODUCTS',
      interval: 'MONTH',
      from: '2021-02-01',
      to: '2021-01-01',
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_RANGE' });
  });
});
