// Guards against N+1 queries: the products connection with nested entity { unit } and
// latestDecision must run the same number of SQL statements for 10 and for 40 items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { logStatements, type StatementLog } from './statement-log.js';
import { createTestApi, type TestApi } from './api.js';

const QUERY = `query($first: Int!) { products(first: $first) { totalCount edges { node {
  name entity { name unit { name } } unit { name } latestDecision { number date { label } } currentStars
  certificate(asOf: "2021-12-31") { status } sources { url }
} } } }`;

describe.each(DIALECTS)('SQL statements per request on %s', (kind) => {
  let api: TestApi;
  let log: StatementLog;
  beforeAll(async () => {
    api = await createTestApi(kind);
    log = logStatements(api.orm);
  });
  afterAll(() => api?.close());

  async function countFor(first: number): Promise<number> {
    log.reset();
    const res = await api.gql(QUERY, { first });
    expect(res.errors).toBeUndefined();
    expect(res.data!.products.edges).toHaveLength(first);
    return log.statements.length;
  }

  it('does not grow with the page size (10 vs 40 products)', async () => {
    const at10 = await countFor(10);
    const at40 = await countFor(40);
    console.log(
      `[${kind}] SQL statements for products(first: 10): ${at10}, products(first: 40): ${at40}`,
    );
    expect(at40).toBe(at10);
    expect(at10).toBeLessThanOrEqual(12);
  });

  it('lists every department with tasks and activity counts in a fixed number of statements', async () => {
    log.reset();
    const res = await api.gql(
      '{ departments { code isSampleDataIncluded tasks { code } activityCounts(year: 2021) { kind month count sample } all: activityCounts { count } } }',
    );
    expect(res.errors).toBeUndefined();
    const departments = res.data!.departments as {
      code: string;
      tasks: unknown[];
      activityCounts: { count: number }[];
      all: { count: number }[];
    }[];
    expect(departments.length).toBe(7);
    const snn = departments.find((d) => d.code === 'SNN')!;
    expect(snn.tasks.length).toBeGreaterThan(0);
    const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
    expect(sum(snn.all)).toBeGreaterThanOrEqual(sum(snn.activityCounts));
    // departments, tasks, sample flags, counts of 2021, counts of all years: one statement each.
    expect(log.statements.length).toBeLessThanOrEqual(5);
  });
});
