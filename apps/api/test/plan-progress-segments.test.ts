// Plan progress counted segment by segment (modules/plans/plan-progress-segments.ts): after a
// write, the overview's statement reads only the facts of the segments the write touched, and the
// figures are the ones counted over every fact. Each write below is followed by the overview
// (recounting the touched segments, reusing the others' partials), then by the same overview with
// every segment stale (`allSegments`: all facts counted again); both must be equal, field for field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factSelection } from '@ocop/domain';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { entitySegment } from '../src/modules/data-version/fact-segments.js';
import { selectSegmentFactFields } from '../src/modules/plans/plan-facts.query.js';
import { NO_FIGURES, PLAN_FIGURES } from '../src/modules/plans/plan-progress-figures.js';
import {
  beforeStatementFor,
  computeSegmentedTrend,
  finishIdleKeeps,
  keepsPending,
  knownSegments,
  makeRoomFor,
  MAX_STORES,
  storeKeyOf,
  trendPointKey,
} from '../src/modules/plans/plan-progress-segments.js';
import { knownSegmentsInThread } from '../src/modules/plans/plan-progress-thread.js';
import { answer } from '../src/modules/plans/plan-progress-worker.js';
import { domainTargetOf } from '../src/modules/plans/plan-facts.js';
import { PlanTarget } from '../src/modules/plans/plan-target.entity.js';
import { Plan } from '../src/modules/plans/plan.entity.js';
import { loadPlanUnits } from '../src/modules/plans/plan.repository.js';
import { overviewStoreKey } from './overview-store-key.js';
import { createTestApi, type TestApi } from './api.js';
import { DIALECTS } from './db.js';
import { logStatements } from './statement-log.js';
import { WORKER_APPLICATION_NAME } from '../src/modules/plans/plan-facts.worker-db.js';
import { generateDecisionList } from './decision-list-generator.js';

const OVERVIEW = `query Plan($year: Int!, $asOf: Date) { plan(year: $year) {
  targets(asOf: $asOf) { code progress(asOf: $asOf) { asOf actual numerator denominator target
    targetMax ratio met aboveUpperBound status statusReasonCode yearOnlyRecords sampleRecords
    perUnit { unit { code } value met status } } } } }`;
const DISTRICTS = `query Districts($planYear: Int!, $asOf: Date) { districts(planYear: $planYear, asOf: $asOf) {
  unit { code } asOf participatingEntities productsEvaluated productsCertified passRate
  productsCertified3Star productsCertified4Star productsCertified5Star yearOnlyRecords targetsMet
  unitTargets { code value met status statusReasonCode } } }`;
const AS_OF = '2021-12-31';

/** A provincial evaluation of a product on a day (a write's statement). */
const evaluationOn = (productId: number, date: string, stars: number): [string, unknown[]] => [
  `insert into evaluation (product_id, level, date, date_precision, year, rule_set_code, stars)
   values (?, 'province', ?, 'day', ?, 'QD1048', ?)`,
  [productId, date, Number(date.slice(0, 4)), stars],
];
/** The removal of a product's evaluations of a day (a write's statement). */
const noEvaluationOn = (productId: number, date: string): [string, unknown[]] => [
  'delete from evaluation where product_id = ? and date = ?',
  [productId, date],
];
const PERIOD = { start: '2021-01-01', end: '2021-12-31' };

describe.each(DIALECTS)('plan progress counted by segment on %s', (kind) => {
  let api: TestApi;
  let key: string;
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await api.orm.em.fork().getConnection().execute(text, params, 'all')) as T[];
  /** A write of facts, with the data version raised in its transaction (as every writer does). */
  const write = (...statements: [string, unknown[]?][]) =>
    api.orm.em.fork().transactional(async (tx) => {
      for (const [text, params] of statements)
        await tx.getConnection().execute(text, params ?? [], 'run', tx.getTransactionContext());
      await bumpDataVersion(tx);
    });
  const overview = async () => {
    const res = await api.gql(OVERVIEW, { year: 2021, asOf: AS_OF });
    expect(res.errors).toBeUndefined();
    return res.data!.plan.targets;
  };
  const districts = async () => {
    const res = await api.gql(DISTRICTS, { planYear: 2021, asOf: AS_OF });
    expect(res.errors).toBeUndefined();
    return res.data!.districts;
  };
  /**
   * The overview and the districts' figures counted by segment, then counted again from every
   * fact (the districts first: their figures are then counted at once, not merged): equal.
   */
  async function expectSameAsWhole() {
    const partly = await overview();
    const partlyDistricts = await districts();
    await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx, { allSegments: true }));
    expect(partlyDistricts).toEqual(await districts());
    expect(partly).toEqual(await overview());
    return partly;
  }
  /** The segments the next overview's statement would read (and whether it reads everything). */
  async function nextRead() {
    const known = await knownSegmentsInThread(key);
    const { from, to } = factSelection(PERIOD, AS_OF);
    const { segments, fields } = await selectSegmentFactFields(
      api.orm.em.fork(),
      { from, to },
      { epoch: known.epoch, versions: new Map(known.versions) },
    );
    return { everything: segments.everything, stale: [...segments.stale].sort(), fields };
  }

  beforeAll(async () => {
    api = await createTestApi(kind);
    key = await overviewStoreKey(api.orm);
  });
  afterAll(() => api?.close());

  it('reads every fact first, then only what a write touched, with the figures of every fact', async () => {
    const before = await expectSameAsWhole();
    // Nothing written since: nothing to read.
    expect(await nextRead()).toMatchObject({ everything: false, stale: [] });

    const [product] = await sql<{ id: number; entity_id: number }>(
      'select id, entity_id from product where entity_id is not null order by id limit 1',
    );
    await write(evaluationOn(product!.id, '2021-05-10', 4));
    const read = await nextRead();
    expect(read).toMatchObject({ everything: false, stale: [entitySegment(product!.entity_id)] });
    // Only that segment's products (and those its activities name) are read, not the province's.
    const all = await sql<{ n: number }>('select count(*) as n from product');
    const readProducts = (read.fields.p ?? '').split('\u001f').length / 3;
    expect(readProducts).toBeLessThan(Number(all[0]!.n));
    const withEvaluation = await expectSameAsWhole();
    expect(withEvaluation).not.toEqual(before);

    await write(noEvaluationOn(product!.id, '2021-05-10'));
    expect(await expectSameAsWhole()).toEqual(before);
  });

  it('recounts both segments of a product moved between entities, and every segment an activity links', async () => {
    await expectSameAsWhole();
    const [moved] = await sql<{ id: number; entity_id: number }>(
      `select p.id, p.entity_id from product p
       where p.entity_id is not null and exists (select 1 from evaluation v where v.product_id = p.id and v.date >= '2021-01-01')
       order by p.id desc limit 1`,
    );
    const [other] = await sql<{ id: number }>(
      'select id from economic_entity where id <> ? order by id limit 1',
      [moved!.entity_id],
    );
    await write(['update product set entity_id = ? where id = ?', [other!.id, moved!.id]]);
    const segments = [
      ...new Set([entitySegment(moved!.entity_id), entitySegment(other!.id)]),
    ].sort();
    expect(await nextRead()).toMatchObject({ everything: false, stale: segments });
    await expectSameAsWhole();

    const [link] = await sql<{ activity_id: number; economic_entity_id: number }>(
      `select ae.activity_id, ae.economic_entity_id from activity_entity ae
       join activity a on a.id = ae.activity_id where a.date >= '2021-01-01' order by ae.activity_id limit 1`,
    );
    await write([
      'delete from activity_entity where activity_id = ? and economic_entity_id = ?',
      [link!.activity_id, link!.economic_entity_id],
    ]);
    expect((await nextRead()).stale).toContain(entitySegment(link!.economic_entity_id));
    await expectSameAsWhole();

    const [item] = await sql<{ decision_id: number }>(
      `select di.decision_id from decision_item di join decision d on d.id = di.decision_id
       where d.date >= '2021-01-01' and d.date <= '2021-12-31' order by di.id limit 1`,
    );
    await write(["update decision set date = '2020-12-30' where id = ?", [item!.decision_id]]);
    expect((await nextRead()).everything).toBe(false);
    await expectSameAsWhole();
  });

  it("recounts an activity's other segments when one of its links goes (it may then name no product)", async () => {
    // A maker with a provincial 4★ product of 2020 (new, so nothing standardised it yet), and a
    // product of another segment (without an entity: a segment of its own). An activity naming
    // both names products, so it does not reach the maker's products; without that product it
    // names only the maker and reaches them all (plan 152 T8): the maker's segment must be
    // recounted when the product's link goes, though no row of that segment changed.
    const [unit] = await sql<{ id: number }>('select id from admin_unit order by id limit 1');
    const [department] = await sql<{ id: number }>('select id from department order by id limit 1');
    const one = async <T>(text: string) => (await sql<T>(text))[0]!;
    await write([
      `insert into economic_entity (name, normalized_name, sort_key, unit_id)
       values ('Chủ thể thử', 'chu the thu', 'chu the thu', ?)`,
      [unit!.id],
    ]);
    const maker = await one<{ id: number }>(
      "select id from economic_entity where name = 'Chủ thể thử'",
    );
    await write(
      [
        `insert into product (name, normalized_name, sort_key, entity_id, unit_id)
         values ('Sản phẩm 4 sao thử', 'san pham 4 sao thu', 'san pham 4 sao thu', ?, ?)`,
        [maker.id, unit!.id],
      ],
      [
        `insert into product (name, normalized_name, sort_key, unit_id)
         values ('Sản phẩm thử', 'san pham thu', 'san pham thu', ?)`,
        [unit!.id],
      ],
      [
        `insert into decision (group_key, number, date, date_precision, issuing_level, year)
         values ('segment-test', '999/QĐ-TEST', '2020-10-01', 'day', 'province', 2020)`,
      ],
    );
    const base = await one<{ id: number }>(
      "select id from product where name = 'Sản phẩm 4 sao thử'",
    );
    const lone = await one<{ id: number }>("select id from product where name = 'Sản phẩm thử'");
    const decision = await one<{ id: number }>(
      "select id from decision where group_key = 'segment-test'",
    );
    await write([
      `insert into decision_item (decision_id, product_id, stars, action) values (?, ?, 4, 'recognise')`,
      [decision.id, base.id],
    ]);
    await write([
      `insert into activity (department_id, kind, date, date_precision, unit_id, note)
       values (?, 'standardisation_support', '2021-06-01', 'day', ?, 'segment test')`,
      [department!.id, unit!.id],
    ]);
    const activity = await one<{ id: number }>(
      "select id from activity where note = 'segment test'",
    );
    await write(
      [
        'insert into activity_entity (activity_id, economic_entity_id) values (?, ?)',
        [activity.id, maker.id],
      ],
      [
        'insert into activity_product (activity_id, product_id) values (?, ?)',
        [activity.id, lone.id],
      ],
    );
    const naming = await expectSameAsWhole();
    await write([
      'delete from activity_product where activity_id = ? and product_id = ?',
      [activity.id, lone.id],
    ]);
    expect((await nextRead()).stale).toContain(entitySegment(maker.id));
    const notNaming = await expectSameAsWhole();
    const t8 = (targets: { code: string; progress: { numerator: number } }[]) =>
      targets.find((t) => t.code === 'T8-STANDARDISE-4STAR')!.progress.numerator;
    expect(t8(notNaming)).toBeGreaterThan(t8(naming));
  });

  it('keeps the partials of every plan the programme page asks (none counted cold after a write)', async () => {
    const res = await api.gql('{ plans { id targets { progress { actual } } } }');
    expect(res.errors).toBeUndefined();
    const plans = await sql<{ id: number; start: string; end: string }>(
      'select id, cast(period_start as text) as start, cast(period_end as text) as end from plan',
    );
    expect(plans.length).toBeGreaterThan(4);
    for (const plan of plans) {
      const metrics = await sql<{ metric: string }>(
        'select metric from plan_target where plan_id = ?',
        [plan.id],
      );
      // Every seeded plan has ended: its figures are asked on its last day.
      const period = { start: plan.start.slice(0, 10), end: plan.end.slice(0, 10) };
      const key = storeKeyOf(
        period,
        period.end,
        metrics.map((m) => m.metric),
        PLAN_FIGURES,
      );
      expect((await knownSegmentsInThread(key)).epoch, `plan ${plan.id}`).not.toBeNull();
    }
  });

  it('answers countedIds apart from the figures: after a write, the ids counted from every fact', async () => {
    const IDS = `query Ids($year: Int!, $asOf: Date) { plan(year: $year) { targets(asOf: $asOf) {
      code progress(asOf: $asOf) { actual numerator publishedRounds perUnit { value } countedIds } } } }`;
    type Listed = {
      code: string;
      progress: {
        actual: number | null;
        numerator: number | null;
        publishedRounds: string[];
        perUnit: { value: number }[];
        countedIds: string[];
      };
    };
    const listed = async (): Promise<Listed[]> => {
      const res = await api.gql(IDS, { year: 2021, asOf: AS_OF });
      expect(res.errors).toBeUndefined();
      return res.data!.plan.targets;
    };
    await overview();
    const [product] = await sql<{ id: number }>(
      'select id from product where entity_id is not null order by id desc limit 1',
    );
    await write(evaluationOn(product!.id, '2021-06-01', 3));
    const partly = await listed();
    await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx, { allSegments: true }));
    expect(await listed()).toEqual(partly);
    // Each list holds what its number counts: a count's ids, a share's numerator, every unit's.
    for (const { code, progress } of partly) {
      const { actual, numerator, publishedRounds, perUnit, countedIds } = progress;
      if (perUnit.length > 0)
        expect(countedIds.length, code).toBe(perUnit.reduce((n, u) => n + u.value, 0));
      else if (numerator === null) expect(countedIds.length, code).toBe(actual ?? 0);
      else if (publishedRounds.length === 0) expect(countedIds.length, code).toBe(numerator);
    }
    expect(partly.some((t) => t.progress.countedIds.length > 0)).toBe(true);
    await write(noEvaluationOn(product!.id, '2021-06-01'));
  });

  it("leaves the counted ids out of the worker's answer unless they are asked", async () => {
    const em = api.orm.em.fork();
    const plan = (await em.findOne(Plan, { year: 2021, code: '152/KH-UBND' }))!;
    const targets = await em.find(PlanTarget, { plan }, { orderBy: { sortOrder: 'asc' } });
    const { from, to } = factSelection(PERIOD, AS_OF);
    const read = await selectSegmentFactFields(
      em,
      { from, to },
      { epoch: null, versions: new Map() },
    );
    const job = {
      ...jobOf('ids asked or not', { epoch: read.segments.epoch, everything: true }),
      ...read,
      units: (await loadPlanUnits(em, plan)).map((u) => ({ code: u.code, name: u.name })),
      targets: targets.map((t) => domainTargetOf(t, PERIOD)),
    };
    const lengths = (countedIds: boolean) =>
      answer({ kind: 'segmented', id: 1, ...job, countedIds }).answer!.outcomes.map((o) =>
        'progress' in o ? o.progress.counted.length : -1,
      );
    const asked = lengths(true);
    expect(asked.filter((n) => n > 0).length).toBeGreaterThan(0);
    expect(lengths(false)).toEqual(asked.map((n) => (n === -1 ? -1 : 0)));
  });

  it("reads the facts on the worker's own connection, and logs its statement here", async () => {
    const log = logStatements(api.orm);
    await write(evaluationOn(1, '2021-06-01', 3));
    log.reset();
    await overview();
    // One fact statement (the segments changed since), logged by the main thread's logger.
    expect(log.statements.filter((q) => q.includes("select 'sx'")).length).toBe(1);
    if (kind === 'postgresql') {
      const workers = await sql<{ n: number }>(
        'select count(*) as n from pg_stat_activity where datname = current_database() and application_name = ?',
        [WORKER_APPLICATION_NAME],
      );
      expect(Number(workers[0]!.n)).toBe(1);
    }
    await write(noEvaluationOn(1, '2021-06-01'));
  });

  it('counts again only the segments an import wrote to, with the figures of every fact', async () => {
    const before = await expectSameAsWhole();
    const report = await importDecisionList(api.orm.em.fork(), {
      fileName: 'segments.csv',
      content: generateDecisionList(30, 'Đoạn').csv,
    });
    expect(report).toMatchObject({ applied: true, created: { products: 30 } });
    const read = await nextRead();
    // PostgreSQL's importer raises the segments it wrote; SQLite's, those of the rows it fenced.
    expect(read.everything).toBe(false);
    expect(read.stale.length).toBeGreaterThan(0);
    const after = await expectSameAsWhole();
    expect(after).not.toEqual(before);
  });

  it('reads every fact again once the segments epoch moves (seeds)', async () => {
    await overview();
    await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx, { allSegments: true }));
    expect((await nextRead()).everything).toBe(true);
  });
});

/** A worker job over no facts (plan-progress-segments.ts), fields given. */
const NO_FACTS = { e: null, p: null, v: null, d: null, a: null, ae: null, ap: null, r: null };
const jobOf = (key: string, segments: { epoch: number; everything: boolean }) => ({
  key,
  fields: NO_FACTS,
  segments: { ...segments, versions: new Map(), stale: [] },
  units: [],
  targets: [],
  figures: NO_FIGURES,
  answerFigures: false,
  countedIds: false,
  period: PERIOD,
  asOf: AS_OF,
});

describe('the worker before a job that reads every fact', () => {
  it('drops kept partials until they and the job fit its heap', () => {
    const everything = { epoch: 7, everything: true };
    answer({ kind: 'segmented', id: 1, ...jobOf('kept before', everything) });
    expect(knownSegments('kept before').epoch).toBe(7);
    // A small job leaves it; one whose fields would fill the heap's budget drops it first.
    answer({ kind: 'segmented', id: 2, ...jobOf('small', everything) });
    expect(knownSegments('kept before').epoch).toBe(7);
    makeRoomFor({ ...NO_FACTS, v: 'x'.repeat(27_000_000) });
    expect(knownSegments('kept before').epoch).toBeNull();
  });
});

describe('the worker without the partials a statement relied on', () => {
  it('asks for every fact to be read again', () => {
    const reply = answer({
      kind: 'segmented',
      id: 1,
      ...jobOf('nothing kept under this key', { epoch: 0, everything: false }),
    });
    expect(reply).toEqual({ id: 1, retry: true });
  });
});

describe('the worker with more stores than it keeps', () => {
  it("drops a trend's points before a plan's store, and every store of an older epoch", () => {
    const everything = { epoch: 9, everything: true };
    answer({ kind: 'segmented', id: 1, ...jobOf('older epoch', { epoch: 8, everything: true }) });
    answer({ kind: 'segmented', id: 2, ...jobOf('a plan', everything) });
    expect(knownSegments('older epoch').epoch).toBeNull();
    const points = [
      { date: '2021-01-31', targets: [] },
      { date: '2021-02-28', targets: [] },
    ];
    const segments = { ...everything, versions: new Map(), stale: [] };
    computeSegmentedTrend({ fields: NO_FACTS, segments, units: [], period: PERIOD, points });
    finishIdleKeeps();
    const [first, second] = points.map((point) => trendPointKey(PERIOD, point));
    expect(knownSegments(first!).epoch).toBe(9);
    // One store more than the worker keeps: the trend's first point goes, not the oldest plan.
    for (let i = 0; i < MAX_STORES - 2; i++)
      answer({ kind: 'segmented', id: 3 + i, ...jobOf(`plan ${i}`, everything) });
    // The last plan's partials are kept while the thread is idle; here, at once.
    finishIdleKeeps();
    expect(knownSegments(first!).epoch).toBeNull();
    expect(knownSegments(second!).epoch).toBe(9);
    expect(knownSegments('a plan').epoch).toBe(9);
  });
});

describe('the worker after a plan counted over every fact', () => {
  /**
   * A plan's job over no facts with segments 3 and 5 at versions 2 and 1: every fact read (cold),
   * or, after a write of nothing, only the segments changed since (incremental).
   */
  const withSegments = (key: string, epoch: number, everything: boolean) => ({
    ...jobOf(key, { epoch, everything }),
    segments: {
      epoch,
      everything,
      versions: new Map([
        [3, 2],
        [5, 1],
      ]),
      stale: [],
    },
  });
  const cold = (key: string, epoch: number) => withSegments(key, epoch, true);
  const incremental = (key: string, epoch: number) => withSegments(key, epoch, false);

  it('tells the versions its partials will be kept at before they are, and keeps them when asked', () => {
    answer({ kind: 'segmented', id: 1, ...cold('plan kept later', 21) });
    // No turn of the event loop yet: the partials are not kept, the next statement may start.
    expect(keepsPending()).toBe(true);
    expect(knownSegments('plan kept later')).toEqual({
      epoch: 21,
      versions: [
        [3, 2],
        [5, 1],
      ],
    });
    // Its statement found nothing changed: the partials are finished, not read again.
    const reply = answer({ kind: 'segmented', id: 2, ...incremental('plan kept later', 21) });
    expect(reply.retry).toBeUndefined();
    expect(reply.answer).toEqual({ outcomes: [] });
    expect(keepsPending()).toBe(false);
  });

  it('keeps them while the thread is idle', async () => {
    answer({ kind: 'segmented', id: 1, ...cold('plan kept while idle', 22) });
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(keepsPending()).toBe(false);
    // Kept: a job reading every fact of another plan in the same epoch leaves them.
    answer({ kind: 'segmented', id: 2, ...cold('another plan', 22) });
    const reply = answer({ kind: 'segmented', id: 3, ...incremental('plan kept while idle', 22) });
    expect(reply.retry).toBeUndefined();
  });

  it('finishes them before another plan of their epoch is counted over every fact', () => {
    answer({ kind: 'segmented', id: 1, ...cold('first plan', 23) });
    answer({ kind: 'segmented', id: 2, ...cold('second plan', 23) });
    const reply = answer({ kind: 'segmented', id: 3, ...incremental('first plan', 23) });
    expect(reply.retry).toBeUndefined();
  });

  it("are finished before another plan's statement or another feature's, left for its own", () => {
    answer({ kind: 'segmented', id: 1, ...cold('plan with a statement coming', 26) });
    beforeStatementFor('plan with a statement coming');
    expect(keepsPending()).toBe(true);
    beforeStatementFor('another plan with a statement coming');
    expect(keepsPending()).toBe(false);
    answer({ kind: 'segmented', id: 2, ...cold('plan before stats', 26) });
    beforeStatementFor(null);
    expect(keepsPending()).toBe(false);
    expect(knownSegments('plan before stats').epoch).toBe(26);
  });

  it('gives them up when the next statement finds every segment stale', () => {
    answer({ kind: 'segmented', id: 1, ...cold('plan of a past epoch', 24) });
    answer({ kind: 'segmented', id: 2, ...cold('plan of the new epoch', 25) });
    expect(knownSegments('plan of a past epoch').epoch).toBeNull();
    expect(knownSegments('plan of the new epoch').epoch).toBe(25);
  });
});
