// A long, seeded random sequence of writes and reads, checked step by step: every answer the
// plan-progress worker gives from its kept partials (plan-progress-segments.ts: only the segments
// changed since are read, pending partials kept between turns, stores dropped and recounted) must
// equal a count over every fact made from scratch in this thread. The unit tests of the segments
// each check one transition after a reset; here the partials live across many writes of every
// kind, over several segments, several plans and days, two trends and reads that run at once, the
// way a day of officers' writes and readers' requests reaches them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  factSelection,
  seededRandom,
  type PlanPeriod,
  type PlanTarget as DomainTarget,
} from '@ocop/domain';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { entitySegmentSql, FACT_SEGMENT_SIZE } from '../src/modules/data-version/fact-segments.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { domainTargetOf } from '../src/modules/plans/plan-facts.js';
import {
  selectFactFields,
  selectSegmentFactFields,
} from '../src/modules/plans/plan-facts.query.js';
import { PLAN_FIGURES } from '../src/modules/plans/plan-progress-figures.js';
import { readThenCompute, type SegmentedRead } from '../src/modules/plans/plan-progress-read.js';
import {
  storeKeyOf,
  type SegmentedAnswer,
  type SegmentedJob,
} from '../src/modules/plans/plan-progress-segments.js';
import {
  computeSegmentedInThread,
  computeSegmentedReadInThread,
  computeTrendReadInThread,
  knownSegmentsInThread,
} from '../src/modules/plans/plan-progress-thread.js';
import { answer } from '../src/modules/plans/plan-progress-worker.js';
import { computeTrendJob } from '../src/modules/plans/plan-trend-job.js';
import { PlanTarget } from '../src/modules/plans/plan-target.entity.js';
import { Plan } from '../src/modules/plans/plan.entity.js';
import { loadPlanUnits } from '../src/modules/plans/plan.repository.js';
import { trendDates } from '../src/modules/plans/target-trend.service.js';
import { workerReadSettings } from '../src/modules/plans/worker-reads.js';
import { createTestApi, type TestApi } from './api.js';
import { DIALECTS } from './db.js';
import { generateDecisionList } from './decision-list-generator.js';

/** Steps of the sequence (a write, a read of one to three figures at once, or both). */
const STEPS = 80;

/** Deep equality as toEqual checks it. */
function equal(actual: unknown, expected: unknown): boolean {
  try {
    expect(actual).toEqual(expected);
    return true;
  } catch {
    return false;
  }
}

/** A plan's figures on a day, as the overview asks them (with the districts' figures). */
interface View {
  name: string;
  job: Omit<SegmentedJob, 'fields' | 'segments'>;
  selection: { from: string; to: string };
}

describe.each(DIALECTS)('partials kept over a random day of writes and reads on %s', (kind) => {
  let api: TestApi;
  const views: View[] = [];
  /**
   * The month-end trends of the 2021 and 2022 plans: 24 points, each a store of partials, with the
   * three views 27 stores, more than the worker keeps (MAX_STORES): points are dropped and counted
   * again.
   */
  const trends: {
    period: PlanPeriod;
    units: { code: string; name: string }[];
    points: { date: string; targets: DomainTarget[] }[];
  }[] = [];
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await api.orm.em.fork().getConnection().execute(text, params, 'all')) as T[];
  const write = (statements: [string, unknown[]][], allSegments = false) =>
    api.orm.em.fork().transactional(async (tx) => {
      for (const [text, params] of statements)
        await tx.getConnection().execute(text, params, 'run', tx.getTransactionContext());
      await bumpDataVersion(tx, { allSegments });
    });

  beforeAll(async () => {
    api = await createTestApi(kind);
    // Entities over several segments (three products each): the seed's 40 fit in one.
    const report = await importDecisionList(api.orm.em.fork(), {
      fileName: 'segments.csv',
      content: generateDecisionList(2_400, 'Phân đoạn').csv,
    });
    expect(report.applied).toBe(true);
    const em = api.orm.em.fork();
    for (const [year, asOf] of [
      [2021, '2021-12-31'],
      [2021, '2021-06-30'],
      [2022, '2022-12-31'],
    ] as const) {
      const plan = (await em.findOne(Plan, { year }, { orderBy: { id: 'asc' } }))!;
      const period = { start: plan.periodStart, end: plan.periodEnd };
      const targets = (await em.find(PlanTarget, { plan }, { orderBy: { sortOrder: 'asc' } })).map(
        (t) => domainTargetOf(t, period),
      );
      const units = (await loadPlanUnits(em, plan)).map((u) => ({ code: u.code, name: u.name }));
      const job = {
        key: storeKeyOf(
          period,
          asOf,
          targets.map((t) => t.metric),
          PLAN_FIGURES,
        ),
        units,
        targets,
        figures: PLAN_FIGURES,
        answerFigures: true,
        countedIds: true,
        period,
        asOf,
      };
      views.push({ name: `${plan.code} on ${asOf}`, job, selection: factSelection(period, asOf) });
      if (asOf === period.end)
        trends.push({
          period,
          units,
          points: trendDates(period, asOf).map((date) => ({ date, targets })),
        });
    }
  });
  afterAll(() => api?.close());

  /** The figures of a view counted from scratch, in this thread, over every fact. */
  async function fromScratch(view: View, step: number) {
    const read = await selectSegmentFactFields(api.orm.em.fork(), view.selection, {
      epoch: null,
      versions: new Map(),
    });
    // A key of its own: nothing this thread kept before can be reused.
    const reply = answer({
      kind: 'segmented',
      id: 0,
      ...view.job,
      key: `scratch ${step}`,
      ...read,
    });
    return reply.answer!;
  }

  /** The figures of a view from the worker's partials: read by the worker, or in a transaction. */
  function fromPartials(view: View, inTransaction: boolean) {
    if (!inTransaction) {
      const settings = workerReadSettings(api.orm.em.fork())!;
      return computeSegmentedReadInThread(settings, view.selection, view.job).then((r) => r.result);
    }
    return api.orm.em.fork().transactional(async (tx) =>
      readThenCompute(
        await knownSegmentsInThread(view.job.key),
        (known) => selectSegmentFactFields(tx, view.selection, known),
        (read) => computeSegmentedInThread({ ...view.job, ...read }),
      ),
    );
  }

  type Trend = (typeof trends)[number];

  async function trendFromPartials(trend: Trend) {
    const settings = workerReadSettings(api.orm.em.fork())!;
    const selection = factSelection(trend.period, trend.points.at(-1)!.date);
    return (await computeTrendReadInThread(settings, selection, trend)).result;
  }

  async function trendFromScratch(trend: Trend) {
    const selection = factSelection(trend.period, trend.points.at(-1)!.date);
    const fields = await selectFactFields(api.orm.em.fork(), selection);
    return computeTrendJob({ fields, ...trend });
  }

  it("counts a late computation's segment from its own facts when two newer versions are kept", async () => {
    const [view] = views;
    // Two products of different segments.
    const [first, second] = await sql<{ id: number }>(
      `select min(p.id) as id from product p where p.entity_id is not null
       group by ${entitySegmentSql('p.entity_id')} order by 1 limit 2`,
    );
    const evaluate = (product: { id: number }, date: string, stars: number) =>
      write([
        [
          `insert into evaluation (product_id, level, date, date_precision, year, rule_set_code, stars)
           values (?, 'province', ?, 'day', 2021, 'QD1048', ?)`,
          [product.id, date, stars],
        ],
      ]);
    await fromPartials(view!, false);
    await evaluate(first!, '2021-03-01', 3);
    // A read inside a transaction: the statement now (the segment recounted), the computation
    // later.
    const known = await knownSegmentsInThread(view!.job.key);
    const read = await selectSegmentFactFields(api.orm.em.fork(), view!.selection, {
      epoch: known.epoch,
      versions: new Map(known.versions),
    });
    expect(read.segments.stale).toHaveLength(1);
    const expected = await fromScratch(view!, -1);
    // Meanwhile two newer versions of that segment are counted and kept (keep() holds two), and
    // another segment changes: the late computation merges every segment at its own versions.
    await evaluate(first!, '2021-04-01', 4);
    await fromPartials(view!, false);
    await evaluate(first!, '2021-05-01', 4);
    await evaluate(second!, '2021-05-01', 4);
    await fromPartials(view!, false);
    expect(await computeSegmentedInThread({ ...view!.job, ...read })).toEqual(expected);
  });

  it('answers every read from kept partials as a count over every fact would', async () => {
    const random = seededRandom(kind === 'postgresql' ? 101 : 102);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const day = () => {
      const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
      return `${pick(['2020', '2021', '2021', '2022'])}-${month}-${pick(['01', '15', '28'])}`;
    };
    const ids = async (table: string) =>
      (await sql<{ id: number }>(`select id from ${table} order by id`)).map((r) => Number(r.id));
    const products = await ids('product');
    const entities = await ids('economic_entity');
    const decisions = await ids('decision');
    // The products span several segments, and some have no entity (a segment each).
    expect(Math.max(...entities)).toBeGreaterThan(3 * FACT_SEGMENT_SIZE);
    const unlinked: { activity_id: number; economic_entity_id: number }[] = [];
    let imports = 0;
    const kinds = new Map<string, number>();

    const writes: Record<string, () => Promise<void>> = {
      async evaluation() {
        const date = day();
        const [level, stars] = pick([
          ['province', 3],
          ['province', 4],
          ['district', 2],
          ['national', 5],
        ] as const);
        const product = pick(products);
        // One evaluation per product, level and day (the table's unique key).
        const same = await sql(
          'select 1 from evaluation where product_id = ? and level = ? and date = ?',
          [product, level, date],
        );
        if (same.length > 0) return;
        await write([
          [
            `insert into evaluation (product_id, level, date, date_precision, year, rule_set_code, stars)
             values (?, ?, ?, 'day', ?, 'QD1048', ?)`,
            [product, level, date, Number(date.slice(0, 4)), stars],
          ],
        ]);
      },
      async 'evaluation removed'() {
        const rows = await sql<{ id: number }>(
          "select id from evaluation where date >= '2020-06-01' order by id",
        );
        if (rows.length > 0)
          await write([['delete from evaluation where id = ?', [pick(rows).id]]]);
      },
      async 'product moved'() {
        const entity = random() < 0.15 ? null : pick(entities);
        await write([['update product set entity_id = ? where id = ?', [entity, pick(products)]]]);
      },
      async 'decision redated'() {
        const date = day();
        await write([
          [
            'update decision set date = ?, year = ? where id = ?',
            [date, Number(date.slice(0, 4)), pick(decisions)],
          ],
        ]);
      },
      async 'activity link'() {
        if (unlinked.length > 0 && random() < 0.5) {
          const link = unlinked.splice(Math.floor(random() * unlinked.length), 1)[0]!;
          await write([
            [
              'insert into activity_entity (activity_id, economic_entity_id) values (?, ?)',
              [link.activity_id, link.economic_entity_id],
            ],
          ]);
          return;
        }
        const links = await sql<{ activity_id: number; economic_entity_id: number }>(
          'select activity_id, economic_entity_id from activity_entity order by activity_id, economic_entity_id',
        );
        if (links.length === 0) return;
        const link = pick(links);
        unlinked.push(link);
        await write([
          [
            'delete from activity_entity where activity_id = ? and economic_entity_id = ?',
            [link.activity_id, link.economic_entity_id],
          ],
        ]);
      },
      async 'every segment stale'() {
        await write([], true);
      },
    };
    const writeKinds = Object.keys(writes);
    /**
     * An import at fixed steps, beside the random write (it draws no random number, so the
     * sequence stays the one its seeds were chosen for).
     */
    const importSome = async () => {
      // A few decisions' products as a province publishes them: new entities and products in
      // the newest segments, whose versions the importer raises (PostgreSQL: at the end of its
      // transaction; SQLite: when its fenced rows are published).
      imports += 1;
      const report = await importDecisionList(api.orm.em.fork(), {
        fileName: `step-${imports}.csv`,
        content: generateDecisionList(6, `Nhập ${imports}`).csv,
      });
      expect(report.applied).toBe(true);
      products.splice(0, products.length, ...(await ids('product')));
      entities.splice(0, entities.length, ...(await ids('economic_entity')));
    };

    // Reads whose statement ran but whose computation is sent steps later (a read inside a
    // transaction, its facts read by the main thread, computed after other reads and writes).
    const held: { view: View; read: SegmentedRead; expected: SegmentedAnswer; step: number }[] = [];
    let computedLate = 0;
    let overlapped = 0;

    for (let step = 0; step < STEPS; step++) {
      if (held.length > 0 && random() < 0.3) {
        const late = held.splice(Math.floor(random() * held.length), 1)[0]!;
        const reply = await computeSegmentedInThread({ ...late.view.job, ...late.read });
        // Retried, it reads every fact again now (plan-progress-read.ts): today's figures.
        if (reply === 'retry') {
          const read = await selectSegmentFactFields(api.orm.em.fork(), late.view.selection, {
            epoch: null,
            versions: new Map(),
          });
          const again = await computeSegmentedInThread({ ...late.view.job, ...read });
          expect(again, `step ${step}: retried ${late.view.name}`).toEqual(
            await fromScratch(late.view, step),
          );
        } else {
          computedLate += 1;
          expect(reply, `step ${step}: ${late.view.name} read at ${late.step}`).toEqual(
            late.expected,
          );
        }
      }
      if (random() < 0.25) {
        const view = pick(views);
        const known = await knownSegmentsInThread(view.job.key);
        const read = await selectSegmentFactFields(api.orm.em.fork(), view.selection, {
          epoch: known.epoch,
          versions: new Map(known.versions),
        });
        held.push({ view, read, expected: await fromScratch(view, step), step });
      }
      const roll = random();
      const writing =
        roll >= 0.7
          ? null
          : step % 10 === 9
            ? 'every segment stale'
            : pick(writeKinds.slice(0, -1));
      if (writing) kinds.set(writing, (kinds.get(writing) ?? 0) + 1);
      // One write in five of a step that reads runs while the reads do: each answer is then of
      // the facts before the write or after it, never a mix.
      const meanwhile = writing !== null && roll >= 0.35 && random() < 0.2;
      if (step % 20 === 14) await importSome();
      if (meanwhile) overlapped += 1;
      else if (writing) await writes[writing]!();
      if (roll < 0.35) continue;
      // One to three figures asked at once, as requests that arrive together.
      const asked = views.filter(() => random() < 0.5);
      if (asked.length === 0) asked.push(pick(views));
      const withTrend = random() < 0.3;
      const inTransaction = asked.map(() => random() < 0.2);
      const before = meanwhile ? await Promise.all(asked.map((v) => fromScratch(v, step))) : null;
      const trend = trends[step % trends.length]!;
      const trendBefore = meanwhile && withTrend ? await trendFromScratch(trend) : null;
      const [answers, trendAnswer] = await Promise.all([
        Promise.all(asked.map((view, i) => fromPartials(view, inTransaction[i]!))),
        withTrend ? trendFromPartials(trend) : null,
        meanwhile ? writes[writing]!() : null,
      ]);
      for (const [i, view] of asked.entries()) {
        const after = await fromScratch(view, step);
        const expected = before && equal(answers[i], before[i]) ? before[i] : after;
        expect(answers[i], `step ${step}: ${view.name}`).toEqual(expected);
      }
      if (trendAnswer) {
        const after = await trendFromScratch(trend);
        const expected = trendBefore && equal(trendAnswer, trendBefore) ? trendBefore : after;
        expect(trendAnswer, `step ${step}: trend`).toEqual(expected);
      }
    }
    // Some late computations were answered from the partials of their own snapshot.
    expect(computedLate).toBeGreaterThan(1);
    expect(overlapped).toBeGreaterThan(1);
    expect(imports).toBe(Math.floor((STEPS + 5) / 20));
    // Every kind of write happened.
    expect([...kinds.keys()].sort()).toEqual([...writeKinds].sort());
  });
});
