// PlanTarget.trend: the overview's sparkline points (progress at each month end of the plan
// period), equal to progress(asOf) on those days, from one fact load per request on both dialects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { logStatements, type StatementLog } from './statement-log.js';
import { createTestApi, type Json, type TestApi } from './api.js';

const TREND_2021 = `{ plan(year: 2021) { targets { code trend { date actual target status } } } }`;

describe.each(DIALECTS)('target trend on %s', (kind) => {
  let api: TestApi;
  let log: StatementLog;
  beforeAll(async () => {
    api = await createTestApi(kind);
    log = logStatements(api.orm);
  });
  afterAll(() => api?.close());

  it('gives plan 152 twelve month ends, each equal to progress on that day (T1: 0 at the end of March, 12 in December)', async () => {
    const res = await api.gql(TREND_2021);
    expect(res.errors).toBeUndefined();
    const t1 = res.data!.plan.targets.find((t: Json) => t.code === 'T1-CERTIFIED');
    expect(t1.trend.map((p: Json) => p.date)).toEqual([
      '2021-01-31',
      '2021-02-28',
      '2021-03-31',
      '2021-04-30',
      '2021-05-31',
      '2021-06-30',
      '2021-07-31',
      '2021-08-31',
      '2021-09-30',
      '2021-10-31',
      '2021-11-30',
      '2021-12-31',
    ]);
    expect(t1.trend[2]).toMatchObject({ actual: 0, target: 20 });
    expect(t1.trend[11]).toMatchObject({ actual: 12, target: 20, status: 'MISSED' });
    for (const date of ['2021-03-31', '2021-04-30', '2021-06-30', '2021-09-30']) {
      const one = await api.gql(
        `query($d: Date) { plan(year: 2021) { targets { code progress(asOf: $d) { actual status } } } }`,
        { d: date },
      );
      const p = one.data!.plan.targets.find((t: Json) => t.code === 'T1-CERTIFIED').progress;
      const point = t1.trend.find((x: Json) => x.date === date);
      expect(point).toMatchObject({ actual: p.actual, status: p.status });
    }
  });

  it('stops at asOf inside a month (the last point is asOf itself)', async () => {
    const res = await api.gql(
      `{ plan(year: 2021) { targets(asOf: "2021-03-15") { code trend { date } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.plan.targets[0].trend.map((p: Json) => p.date)).toEqual([
      '2021-01-31',
      '2021-02-28',
      '2021-03-15',
    ]);
  });

  it('reads the facts once: the programme’s 60 points per target cost as many SQL statements as one point', async () => {
    const plans = await api.gql('{ plans { id programme } }');
    const id = plans.data!.plans.find((p: Json) => p.programme).id;
    log.reset();
    const one = await api.gql(
      `query($id: ID) { plan(id: $id) { targets { code progress { actual } } } }`,
      { id },
    );
    expect(one.errors).toBeUndefined();
    const single = log.statements.length;
    log.reset();
    const all = await api.gql(
      `query($id: ID) { plan(id: $id) { targets { code trend { date actual } } } }`,
      { id },
    );
    expect(all.errors).toBeUndefined();
    expect(all.data!.plan.targets[0].trend).toHaveLength(60);
    expect(log.statements.length).toBe(single);
  });
});
