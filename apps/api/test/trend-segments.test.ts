// A yearly plan's trend counted segment by segment (modules/plans/plan-progress-segments.ts): each
// month end keeps its own partials, so after a write the trend's statement reads only the facts of
// the segments the write touched, and every point is the one counted over every fact. Each write
// below is followed by the trend (recounting the touched segments), then by the same trend with
// every segment stale (`allSegments`: all facts counted again); both must be equal, point for point.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factSelection } from '@ocop/domain';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { entitySegment } from '../src/modules/data-version/fact-segments.js';
import { selectSegmentFactFields } from '../src/modules/plans/plan-facts.query.js';
import { NO_FIGURES } from '../src/modules/plans/plan-progress-figures.js';
import { computeSegmentedTrend, storeKeyOf } from '../src/modules/plans/plan-progress-segments.js';
import { knownSegmentsInThread } from '../src/modules/plans/plan-progress-thread.js';
import { OVERVIEW_PERIOD as PERIOD } from './overview-store-key.js';
import { createTestApi, type Json, type TestApi } from './api.js';
import { DIALECTS } from './db.js';
import { logStatements, type StatementLog } from './statement-log.js';

const TREND = `query Trend($year: Int!, $asOf: Date) { plan(year: $year) { targets(asOf: $asOf) {
  code trend { date actual target ratio status } } } }`;
const AS_OF = '2021-12-31';
const FIRST_POINT = '2021-01-31';

/** A provincial evaluation of a product on a day (a write's statement). */
const evaluationOn = (productId: number, date: string, stars: number): [string, unknown[]] => [
  `insert into evaluation (product_id, level, date, date_precision, year, rule_set_code, stars)
   values (?, 'province', ?, 'day', ?, 'QD1048', ?)`,
  [productId, date, Number(date.slice(0, 4)), stars],
];

describe.each(DIALECTS)('a yearly trend counted by segment on %s', (kind) => {
  let api: TestApi;
  let log: StatementLog;
  /** The store of the trend's first point: it names the segments the trend's statement reads. */
  let firstPointKey: string;
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await api.orm.em.fork().getConnection().execute(text, params, 'all')) as T[];
  /** A write of facts, with the data version raised in its transaction (as every writer does). */
  const write = (...statements: [string, unknown[]][]) =>
    api.orm.em.fork().transactional(async (tx) => {
      for (const [text, params] of statements)
        await tx.getConnection().execute(text, params, 'run', tx.getTransactionContext());
      await bumpDataVersion(tx);
    });
  const trend = async () => {
    const res = await api.gql(TREND, { year: 2021, asOf: AS_OF });
    expect(res.errors).toBeUndefined();
    return res.data!.plan.targets as { code: string; trend: Json[] }[];
  };
  /** The trend counted by segment, then counted again from every fact: equal. */
  async function expectSameAsWhole() {
    const partly = await trend();
    await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx, { allSegments: true }));
    expect(partly).toEqual(await trend());
    return partly;
  }
  /** The segments the next trend's statement would read (and whether it reads everything). */
  async function nextRead() {
    const known = await knownSegmentsInThread(firstPointKey);
    const { segments } = await selectSegmentFactFields(
      api.orm.em.fork(),
      factSelection(PERIOD, AS_OF),
      { epoch: known.epoch, versions: new Map(known.versions) },
    );
    return { everything: segments.everything, stale: [...segments.stale].sort() };
  }

  beforeAll(async () => {
    api = await createTestApi(kind);
    log = logStatements(api.orm);
    const metrics = await sql<{ metric: string }>(
      'select t.metric from plan_target t join plan p on p.id = t.plan_id where p.period_start = ? and p.period_end = ?',
      [PERIOD.start, PERIOD.end],
    );
    firstPointKey = storeKeyOf(
      PERIOD,
      FIRST_POINT,
      metrics.map((m) => m.metric),
      NO_FIGURES,
    );
  });
  afterAll(() => api?.close());

  it('reads only the segment a write touched, and changes only the points from its day on', async () => {
    const before = await expectSameAsWhole();
    expect(before[0]!.trend).toHaveLength(12);
    // Nothing written since: nothing to read.
    expect(await nextRead()).toEqual({ everything: false, stale: [] });

    const [product] = await sql<{ id: number; entity_id: number }>(
      'select id, entity_id from product where entity_id is not null order by id limit 1',
    );
    await write(evaluationOn(product!.id, '2021-05-10', 4));
    expect(await nextRead()).toEqual({
      everything: false,
      stale: [entitySegment(product!.entity_id)],
    });
    // One statement: the changed segment's facts (no second read of every fact).
    log.reset();
    const after = await trend();
    expect(log.statements.filter((s) => s.includes('string_agg'))).toHaveLength(1);
    await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx, { allSegments: true }));
    expect(after).toEqual(await trend());
    // The evaluation counts from May on: January to April are the points of before.
    expect(after).not.toEqual(before);
    for (const [i, target] of after.entries())
      expect(target.trend.slice(0, 4), target.code).toEqual(before[i]!.trend.slice(0, 4));

    await write([
      'delete from evaluation where product_id = ? and date = ?',
      [product!.id, '2021-05-10'],
    ]);
    expect(await expectSameAsWhole()).toEqual(before);
  });

  it('reads every fact again once the segments epoch moves (seeds)', async () => {
    await trend();
    await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx, { allSegments: true }));
    expect((await nextRead()).everything).toBe(true);
  });
});

describe('a trend over the changed segments only', () => {
  const NO_FACTS = { e: null, p: null, v: null, d: null, a: null, ae: null, ap: null, r: null };
  const job = (points: { date: string; targets: [] }[]) => ({
    fields: NO_FACTS,
    segments: { epoch: 0, everything: false, versions: new Map(), stale: [] },
    units: [],
    period: PERIOD,
    points,
  });

  it('asks for every fact when its points keep no partials', () => {
    expect(computeSegmentedTrend(job([{ date: '2021-01-31', targets: [] }]))).toBe('retry');
  });

  it('asks for every fact when it is too long to be counted by segment (the programme)', () => {
    const months = Array.from({ length: 60 }, () => ({ date: '2021-01-31', targets: [] as [] }));
    expect(computeSegmentedTrend(job(months))).toBe('retry');
  });
});
