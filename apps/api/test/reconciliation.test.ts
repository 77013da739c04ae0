// Computed vs published with a coverage statement, from the seed (data/seed): end of 2021 the
// province published 62 products of 3★ or more; the database holds the decisions public sources
// list for 2020–2021, not round 2/2021.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type TestApi } from './api.js';

describe.each(DIALECTS)('reconciliation on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  const query = `query ($measure: StatsMeasure!, $basis: CertifiedBasis, $asOf: Date) {
    reconciliation(measure: $measure, basis: $basis, asOf: $asOf) {
      measure basis asOf computed publishedCount difference yearOnlyRecords coverage coverageVi
      published { metric value dateLabel sources { host } }
      recordedRounds { round year } unrecordedRounds { round year }
    }
    stats(measure: $measure, groupBy: STARS, basis: $basis, asOf: $asOf) { total }
  }`;

  it('end of 2021: published 62, computed as stats counts, round 2/2021 named as missing', async () => {
    const res = await api.gql(query, { measure: 'PRODUCTS', asOf: '2021-12-31' });
    expect(res.errors?.map((e) => e.message)).toBeUndefined();
    const r = res.data!.reconciliation;
    expect(r.computed).toBe(res.data!.stats.total);
    expect(r.computed).toBe(39);
    expect(r).toMatchObject({
      measure: 'PRODUCTS',
      basis: 'EVER_CERTIFIED',
      publishedCount: 62,
      difference: 23,
      published: { metric: 'ag_products_3_star_or_more_total', value: '62', dateLabel: '2021-12' },
      recordedRounds: [
        { round: 1, year: 2020 },
        { round: 3, year: 2020 },
        { round: 1, year: 2021 },
      ],
      unrecordedRounds: [{ round: 2, year: 2021 }],
    });
    expect(r.published.sources.length).toBeGreaterThan(0);
    expect(r.coverage).toContain(
      'The database holds 39 of the 62 products the province published for 2021-12 (63%).',
    );
    expect(r.coverage).toContain('Decisions of round 2/2021 are published but not recorded here.');
    expect(r.coverageVi).toContain('Cơ sở dữ liệu có 39 trên 62 sản phẩm');
    expect(r.coverageVi).toContain('đợt 2/2021');
  });

  it('mid-2021: the published figure of 2020 is the latest on or before the date', async () => {
    const res = await api.gql(query, { measure: 'PRODUCTS', asOf: '2021-03-31' });
    const r = res.data!.reconciliation;
    expect(r.published).toMatchObject({ metric: 'ag_products_3_4_star_provincial_total' });
    expect(r.publishedCount).toBe(37);
    expect(r.unrecordedRounds).toEqual([]);
  });

  it('entities at the end of 2021 reconcile against the published 45', async () => {
    const res = await api.gql(query, { measure: 'ENTITIES', asOf: '2021-12-31' });
    const r = res.data!.reconciliation;
    expect(r.publishedCount).toBe(45);
    expect(r.computed).toBe(res.data!.stats.total);
    expect(r.difference).toBe(45 - r.computed);
  });

  it('evaluations have no published counterpart and say so', async () => {
    const res = await api.gql(query, { measure: 'EVALUATIONS', asOf: '2021-12-31' });
    const r = res.data!.reconciliation;
    expect(r.published).toBeNull();
    expect(r.difference).toBeNull();
    expect(r.coverage).toMatch(
      /^No published figure counts the same evaluations on or before 2021-12-31\./,
    );
  });
});
