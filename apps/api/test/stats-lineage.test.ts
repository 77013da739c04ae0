// Figures by unit that follow a unit through renaming (issue 9 point 7), on both dialects: after
// 13/02/2023 huyện Tịnh Biên's products count under thị xã Tịnh Biên when asked to, and the
// definition says so; before that day, and without the option, they stay under huyện Tịnh Biên.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './api.js';
import { DIALECTS } from './db.js';

const STATS = `query($asOf: Date!, $follow: Boolean) {
  stats(measure: PRODUCTS, groupBy: UNIT, asOf: $asOf, followUnitLineage: $follow) {
    total definition definitionVi rows { key count }
  }
}`;

type Row = { key: string | null; count: number };

describe.each(DIALECTS)('stats following units through renaming on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  const stats = async (asOf: string, follow?: boolean) => {
    const res = await api.gql(STATS, { asOf, follow });
    expect(res.errors).toBeUndefined();
    const s = res.data!.stats;
    const count = (key: string) => s.rows.find((r: Row) => r.key === key)?.count ?? null;
    return { ...s, count };
  };

  it('moves huyện Tịnh Biên’s products to thị xã Tịnh Biên after 13/02/2023, totals unchanged', async () => {
    const recorded = await stats('2024-06-30');
    const followed = await stats('2024-06-30', true);
    // The seed's products of Tịnh Biên were all recorded under the huyện (decisions of 2020–2022).
    expect(recorded.count('tinh-bien')).toBe(12);
    expect(recorded.count('tinh-bien-town')).toBeNull();
    expect(followed.count('tinh-bien')).toBeNull();
    expect(followed.count('tinh-bien-town')).toBe(12);
    expect(followed.total).toBe(recorded.total);
    expect(followed.rows.reduce((n: number, r: Row) => n + r.count, 0)).toBe(
      recorded.rows.reduce((n: number, r: Row) => n + r.count, 0),
    );
    expect(followed.definition).toContain('counts under its successor in force then');
    expect(followed.definitionVi).toContain('đơn vị kế thừa');
    expect(recorded.definition).not.toContain('successor');
  });

  it('keeps huyện Tịnh Biên before the change', async () => {
    const before = await stats('2022-12-31', true);
    expect(before.count('tinh-bien')).toBe(10);
    expect(before.count('tinh-bien-town')).toBeNull();
  });
});
