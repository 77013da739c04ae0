// The warm-up after start-up (http/warm-up.ts): the dashboard's first requests are asked once, so
// their answers are stored and the worker keeps the overview's partial figures; the first visitor
// then gets stored bytes, and the first overview after a write reads only the segment it touched.
// Both dialects, on the real seed data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factSelection } from '@ocop/domain';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { entitySegment } from '../src/modules/data-version/fact-segments.js';
import { selectSegmentFactFields } from '../src/modules/plans/plan-facts.query.js';
import { knownSegmentsInThread } from '../src/modules/plans/plan-progress-thread.js';
import { MAX_STORES } from '../src/modules/plans/plan-progress-segments.js';
import { DEFAULT_MANIFEST, loadTrustedDocuments } from '../src/graphql/trusted-documents.js';
import { DEFAULT_PLAN_YEAR } from '../src/http/view-params.js';
import {
  isWarmingUp,
  startWarmUp,
  trackWarmUp,
  warmUpDashboard,
  warmUpLogged,
  warmUpRequests,
  WARM_UP_READINESS_MS,
} from '../src/http/warm-up.js';
import { OVERVIEW_AS_OF, OVERVIEW_PERIOD, overviewStoreKey } from './overview-store-key.js';
import { loadConfig } from '../src/config.js';
import { createServer } from '../src/server.js';
import { createTestApi, type TestApi } from './api.js';
import { DIALECTS } from './db.js';
import { logStatements } from './statement-log.js';

const documents = loadTrustedDocuments(DEFAULT_MANIFEST);
const PERIOD = OVERVIEW_PERIOD;
const AS_OF = OVERVIEW_AS_OF;
const variablesOf = (url: string) =>
  JSON.parse(decodeURIComponent(new URL(url, 'http://x').searchParams.get('variables')!)) as object;

describe('the dashboard’s first requests', () => {
  it('are its overview, trends and districts of the plan year, as of the year’s end once it is over', () => {
    const requests = warmUpRequests(documents, { year: 2021, today: '2026-12-01' });
    expect(requests.map((r) => r.name)).toEqual(['Plan', 'PlanTrends', 'Districts']);
    expect(requests.map((r) => variablesOf(r.url))).toEqual([
      { year: 2021, asOf: AS_OF },
      { year: 2021, asOf: AS_OF },
      { planYear: 2021, asOf: AS_OF },
    ]);
    expect(requests[0]!.url).toContain(`id=${documents.named('Plan')!.id}&`);
  });

  it('are as of today while the plan year runs, and skip a document the manifest lacks', () => {
    const [plan] = warmUpRequests(documents, { year: 2026, today: '2026-12-01' });
    expect(variablesOf(plan!.url)).toEqual({ year: 2026, asOf: '2026-12-01' });
    const onlyPlan = {
      ...documents,
      named: (name: string) => (name === 'Plan' ? documents.named(name) : undefined),
    };
    expect(warmUpRequests(onlyPlan, { year: 2021 }).map((r) => r.name)).toEqual(['Plan']);
  });

  it('an answer other than a 200 is logged as a warning with every step', async () => {
    const lines: [object, string][] = [];
    const log = {
      info: (o: object, msg: string) => lines.push([o, msg]),
      warn: (o: object, msg: string) => lines.push([o, msg]),
    };
    const app = { inject: async () => ({ statusCode: 500 }) };
    const options = { year: 2021, today: '2026-12-01', partials: false };
    const report = await warmUpLogged(
      app as never,
      {} as never,
      documents,
      options,
      log as never,
      'now',
    );
    expect(report?.answers.map((a) => a.status)).toEqual([500, 500, 500]);
    expect(lines.map(([, msg]) => msg)).toEqual([
      'dashboard figures now: not every answer is a 200',
    ]);
    expect(lines[0]![0]).toMatchObject({ partials: null, answers: report!.answers });
  });

  it('a failed warm-up is logged as a warning, not thrown', async () => {
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (_: object, msg: string) => warnings.push(msg) };
    const app = { inject: () => Promise.reject(new Error('closed')) };
    await startWarmUp(app as never, {} as never, documents, { year: 2021 }, log as never);
    expect(warnings).toEqual(['dashboard figures after start-up failed']);
  });
});

describe.each(DIALECTS)('the warm-up after start-up on %s', (kind) => {
  let api: TestApi;
  let key: string;
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await api.orm.em.fork().getConnection().execute(text, params, 'all')) as T[];
  const epoch = async () =>
    Number((await sql<{ e: unknown }>('select segments_epoch as e from data_version'))[0]!.e);

  beforeAll(async () => {
    api = await createTestApi(kind);
    key = await overviewStoreKey(api.orm);
  });
  afterAll(() => api?.close());

  it('stores the first answers and keeps the overview’s partials, so a write costs one segment', async () => {
    // The thread serves every database of this file; each starts at a random segments epoch
    // (Migration20261202080000), so nothing it keeps can pass for this database's partials.
    expect((await knownSegmentsInThread(key)).epoch).not.toBe(await epoch());
    const { partials, answers } = await warmUpDashboard(api.app, api.orm, documents, {
      year: DEFAULT_PLAN_YEAR,
      today: '2026-12-01',
    });
    expect(partials?.plan).toBe(true);
    expect(answers.map((a) => [a.name, a.status])).toEqual([
      ['Plan', 200],
      ['PlanTrends', 200],
      ['Districts', 200],
    ]);
    expect((await knownSegmentsInThread(key)).epoch).toBe(await epoch());

    // The visitor's requests: stored bytes, the same as the documents answer by POST.
    const log = logStatements(api.orm);
    for (const { name, url } of warmUpRequests(documents, { year: DEFAULT_PLAN_YEAR })) {
      log.reset();
      const res = await api.app.inject({ method: 'GET', url });
      expect(res.statusCode, name).toBe(200);
      expect(log.statements, name).toEqual([
        'select version, epoch from data_version where id = 1',
      ]);
      const posted = await api.gql(documents.named(name)!.body, variablesOf(url) as never);
      expect(res.json().data, name).toEqual(posted.data);
    }

    // A write of one product's evaluation: the next overview reads that segment's facts only.
    const [product] = await sql<{ id: number; entity_id: number }>(
      'select id, entity_id from product where entity_id is not null order by id limit 1',
    );
    await api.orm.em.fork().transactional(async (tx) => {
      await tx.getConnection().execute(
        `insert into evaluation (product_id, level, date, date_precision, year, rule_set_code, stars)
           values (?, 'province', '2021-05-10', 'day', 2021, 'QD1048', 4)`,
        [product!.id],
        'run',
        tx.getTransactionContext(),
      );
      await bumpDataVersion(tx);
    });
    const kept = await knownSegmentsInThread(key);
    const { from, to } = factSelection(PERIOD, AS_OF);
    const { segments } = await selectSegmentFactFields(
      api.orm.em.fork(),
      { from, to },
      { epoch: kept.epoch, versions: new Map(kept.versions) },
    );
    expect(segments.everything).toBe(false);
    expect(segments.stale).toEqual([entitySegment(product!.entity_id)]);
  });

  it('counts this process’s partials even when the caches already hold the figures (another process filled them)', async () => {
    // Every first request answered and stored for this data version.
    const requests = warmUpRequests(documents, { year: DEFAULT_PLAN_YEAR });
    for (const { url } of requests)
      expect((await api.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    // The worker keeps MAX_STORES windows × as-of days: as many other days push the overview's
    // out, while its answer stays stored for this data version (as a process that did not count
    // it).
    for (let day = 1; day <= MAX_STORES; day++) {
      const asOf = `2021-06-${String(day).padStart(2, '0')}`;
      const res = await api.gql(documents.named('Plan')!.body, { year: 2021, asOf });
      expect(res.errors, asOf).toBeUndefined();
    }
    expect((await knownSegmentsInThread(key)).epoch).toBeNull();
    const log = logStatements(api.orm);
    for (const { name, url } of requests) {
      log.reset();
      expect((await api.app.inject({ method: 'GET', url })).statusCode).toBe(200);
      expect(log.statements, name).toHaveLength(1);
    }
    expect((await knownSegmentsInThread(key)).epoch).toBeNull();

    const { partials } = await warmUpDashboard(api.app, api.orm, documents, {
      year: DEFAULT_PLAN_YEAR,
    });
    expect(partials?.plan).toBe(true);
    expect((await knownSegmentsInThread(key)).epoch).toBe(await epoch());
  });

  it('keeps /readyz at 503 "warming up" until the warm-up has ended, for a minute at most', async () => {
    const ready = () => api.app.inject({ method: 'GET', url: '/readyz' });
    expect((await ready()).statusCode).toBe(200);
    let end!: () => void;
    const warmUp = trackWarmUp(api.app, new Promise<void>((resolve) => (end = resolve)));
    const during = await ready();
    expect(during.statusCode).toBe(503);
    expect(during.json()).toEqual({ status: 'warming up' });
    expect(isWarmingUp(api.app, Date.now() + WARM_UP_READINESS_MS)).toBe(false);
    end();
    await warmUp;
    expect((await ready()).statusCode).toBe(200);
    // A failed warm-up ends it too.
    await expect(trackWarmUp(api.app, Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect((await ready()).statusCode).toBe(200);
  });

  it('starts when the server listens, not for app.inject alone', async () => {
    const app = await createServer(
      // No polls after the start (warm-up-watch.test.ts): the statements below are the GET's alone.
      loadConfig({
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MINUTE: '100000',
        WARM_UP: '1',
        WARM_UP_POLL_SECONDS: '0',
      }),
      api.orm,
    );
    try {
      const [plan] = warmUpRequests(documents, { year: DEFAULT_PLAN_YEAR });
      await app.ready();
      expect(isWarmingUp(app)).toBe(false);
      await app.listen({ host: '127.0.0.1', port: 0 });
      expect(isWarmingUp(app)).toBe(true);
      while (isWarmingUp(app)) await new Promise((resolve) => setTimeout(resolve, 20));
      // This app's own answer cache holds the overview: a stored hit reads only the version.
      const log = logStatements(api.orm);
      expect((await app.inject({ method: 'GET', url: plan!.url })).statusCode).toBe(200);
      expect(log.statements).toEqual(['select version, epoch from data_version where id = 1']);
    } finally {
      await app.close();
    }
  });
});
