// expiryRadar on both dialects: the seed's 2020 certificates (year-only, dated 2020-12-31, valid
// 36 months) come up for re-evaluation at the end of 2023 (data/seed/products-2020-2021.csv).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type Json, type TestApi } from './api.js';

const RADAR = `query($asOf: Date, $days: Int, $unit: String) { expiryRadar(asOf: $asOf, days: $days, unitCode: $unit) {
  asOf days count byUnit { key count } byLevel { key count }
  certificates { productName unitCode issuingLevel validUntil noticeBy noticeDue daysLeft } } }`;

describe.each(DIALECTS)('expiryRadar on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  it('lists the certificates expiring within 90 days, per unit and level, with the notice day', async () => {
    const res = await api.gql(RADAR, { asOf: '2023-10-15' });
    expect(res.errors).toBeUndefined();
    const radar = res.data!.expiryRadar;
    // The 27 products certified in 2020 (25 provincial, the 2 national 5★ rice products).
    expect(radar).toMatchObject({ days: 90, count: 27 });
    expect(radar.byLevel).toEqual([
      { key: 'province', count: 25 },
      { key: 'national', count: 2 },
    ]);
    expect(radar.byUnit[0]).toEqual({ key: null, count: 10 });
    expect(radar.byUnit).toContainEqual({ key: 'tinh-bien', count: 5 });
    expect(radar.certificates[0]).toMatchObject({
      validUntil: '2023-12-31',
      noticeBy: '2023-12-01',
      noticeDue: false,
      daysLeft: 77,
    });
    expect(radar.count).toBe(radar.certificates.length);
    expect(radar.byUnit.reduce((s: number, g: Json) => s + g.count, 0)).toBe(radar.count);
    expect(radar.byLevel.reduce((s: number, g: Json) => s + g.count, 0)).toBe(radar.count);
  });

  it('opens the re-evaluation window 30 days before expiry, and filters by unit', async () => {
    const res = await api.gql(RADAR, { asOf: '2023-12-05', days: 30, unit: 'tinh-bien' });
    const radar = res.data!.expiryRadar;
    expect(radar.count).toBe(5);
    expect(radar.certificates.every((c: Json) => c.noticeDue && c.unitCode === 'tinh-bien')).toBe(
      true,
    );
    expect((await api.gql(RADAR, { asOf: '2023-10-15', days: 30 })).data!.expiryRadar.count).toBe(
      0,
    );
    const bad = await api.gql(RADAR, { days: 0 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'days' });
  });
});
