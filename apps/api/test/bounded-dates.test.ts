// Year-only dates bounded by a hand-over day (round 1/2021: "trao GCN 22/4/2021"): the decision
// counts from the bound and its certificates carry an expiry range with "possibly expired" inside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type TestApi } from './api.js';

describe.each(DIALECTS)('bounded year-only dates on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  const certificateOn = async (asOf: string) => {
    const res = await api.gql(
      `query ($asOf: Date) { products(filter: { search: "Siro atiso do" }) { nodes { name
        certificate(asOf: $asOf) { status validUntil earliestValidUntil issuedOn { value precision label } } } } }`,
      { asOf },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.products.nodes[0].certificate;
  };

  it('labels the decision date "2021 (≤ 22/04/2021)" and gives the expiry range', async () => {
    expect(await certificateOn('2023-06-30')).toEqual({
      status: 'VALID',
      validUntil: '2024-04-22',
      earliestValidUntil: '2024-01-01',
      issuedOn: { value: '2021-04-22', precision: 'YEAR', label: '2021 (≤ 22/04/2021)' },
    });
  });

  it('is possibly expired between 1/1/2024 and 22/4/2024, expired after', async () => {
    expect((await certificateOn('2024-03-01')).status).toBe('POSSIBLY_EXPIRED');
    expect((await certificateOn('2024-04-23')).status).toBe('EXPIRED');
  });

  it('still counts the certificate as valid while possibly expired (latest possible end), and says so in the filter', async () => {
    const res = await api.gql(`{
      valid: stats(measure: PRODUCTS, groupBy: YEAR, basis: VALID_ON_AS_OF, asOf: "2024-03-01") { rows { key count } }
      possibly: products(filter: { certificateStatus: POSSIBLY_EXPIRED, asOf: "2024-03-01" }) { totalCount }
    }`);
    expect(res.errors).toBeUndefined();
    const rows = Object.fromEntries(
      res.data!.valid.rows.map((r: { key: string; count: number }) => [r.key, r.count]),
    );
    expect(rows['2021']).toBe(12);
    expect(res.data!.possibly.totalCount).toBe(12);
  });
});
