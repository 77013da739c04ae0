// The figure cache (src/cache/): keys carry the data version, which every write raises in its own
// transaction, so repeated figures come from the cache and a write is visible at once. Runs on both
// dialects, with the in-process store and with Redis (REDIS_TEST_URL, a unique prefix, deleted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FigureCache } from '../src/cache/figure-cache.js';
import { freezeAndMeasure, MemoryStore } from '../src/cache/memory-store.js';
import { RedisStore } from '../src/cache/redis-store.js';
import { figureCacheOf } from '../src/cache/registry.js';
import { readDataVersion } from '../src/modules/data-version/data-version.service.js';
import { AdminUnit } from '../src/modules/admin-units/admin-unit.entity.js';
import { Product } from '../src/modules/products/product.entity.js';
import { seedDatabase } from '../src/db/seed.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { createTestApi, type TestApi } from './api.js';
import { createActors, errorOf, signIn, type Client } from './auth-helpers.js';
import { DIALECTS, createTestOrm, destroyTestOrm } from './db.js';
import { generateDecisionList } from './decision-list-generator.js';
import { deleteKeys, redisTestUrl, uniquePrefix } from './redis.js';

const OVERVIEW = `{ plan(year: 2021) { targets(asOf: "2021-12-31") { id code version
  progress { actual target status } } } }`;
const DISTRICTS = `{ districts(planYear: 2021, asOf: "2021-12-31") { unit { code } productsEvaluated passRate } }`;
const STATS = `{ stats(measure: EVALUATIONS, groupBy: LEVEL, asOf: "2024-12-31") { rows { key count label } total } }`;
const UPDATE_TARGET = `mutation($id: ID!, $v: Int!, $input: TargetUpdateInput!) {
  updateTarget(id: $id, version: $v, input: $input) { targetValue version } }`;
const RECORD_EVALUATION = 'mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id } }';

type Store = 'memory' | 'redis';
const STORES: Store[] = ['memory', 'redis'];

describe('figure cache stores', () => {
  it('keys by operation, canonical variables and data version; a viewer scope adds role and unit', () => {
    const cache = new FigureCache(new MemoryStore(1024 * 1024), 'p:');
    const stamp = { epoch: 'e', version: 7 };
    const a = cache.keyOf(stamp, 'stats', { b: 2, a: 1 }, null);
    expect(a).toBe(cache.keyOf(stamp, 'stats', { a: 1, b: 2 }, null));
    expect(a).not.toBe(cache.keyOf({ epoch: 'e', version: 8 }, 'stats', { a: 1, b: 2 }, null));
    expect(a).not.toBe(cache.keyOf({ epoch: 'f', version: 7 }, 'stats', { a: 1, b: 2 }, null));
    const chauPhu = cache.keyOf(stamp, 'x', {}, { role: 'viewer', unitCode: 'chau-phu' });
    expect(chauPhu).not.toBe(cache.keyOf(stamp, 'x', {}, { role: 'viewer', unitCode: 'cho-moi' }));
    expect(chauPhu).not.toBe(cache.keyOf(stamp, 'x', {}, { role: null, unitCode: null }));
    // No data version row: nothing may be cached.
    expect(cache.keyOf(null, 'x', {}, null)).toBeNull();
  });

  it('memory: evicts the least recently used entry beyond its byte budget', async () => {
    const store = new MemoryStore(400);
    await store.set('a', { text: 'x'.repeat(60) });
    await store.set('b', { text: 'y'.repeat(60) });
    await store.get('a');
    await store.set('c', { text: 'z'.repeat(60) });
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toEqual({ text: 'x'.repeat(60) });
    expect(await store.get('c')).toEqual({ text: 'z'.repeat(60) });
    // Stored values are frozen: a resolver cannot change what the next request reads.
    expect(Object.isFrozen(await store.get('a'))).toBe(true);
  });

  it('memory: measures a value about as long as its JSON and freezes it all, in one walk', () => {
    const progress = {
      code: 'T1',
      actual: 12,
      met: false,
      note: null,
      counted: Array.from({ length: 2_000 }, (_, i) => String(100_000 + i)),
      perUnit: [{ unitCode: 'chau-phu', value: 2, counted: ['7', '9'] }],
    };
    const json = JSON.stringify(progress).length;
    const estimate = freezeAndMeasure(progress);
    // Numbers count 8 characters whatever their digits: a few percent off, never by a factor.
    expect(Math.abs(estimate - json) / json).toBeLessThan(0.05);
    expect(Object.isFrozen(progress)).toBe(true);
    expect(Object.isFrozen(progress.counted)).toBe(true);
    expect(Object.isFrozen(progress.perUnit[0])).toBe(true);
    expect(Object.isFrozen(progress.perUnit[0]!.counted)).toBe(true);
  });

  it('redis: stores JSON under the prefix, one computation for concurrent misses', async () => {
    const prefix = uniquePrefix('store');
    const store = new RedisStore(redisTestUrl());
    expect(await store.connect()).toBe(true);
    try {
      const cache = new FigureCache(store, prefix);
      const key = cache.keyOf({ epoch: 'e', version: 1 }, 'op', { n: 1 }, null)!;
      let computed = 0;
      const compute = async () => {
        computed += 1;
        return { value: 42, list: ['a', 'b'] };
      };
      const [x, y] = await Promise.all([cache.through(key, compute), cache.through(key, compute)]);
      expect(x).toEqual({ value: 42, list: ['a', 'b'] });
      expect(y).toEqual(x);
      expect(await cache.through(key, compute)).toEqual(x);
      expect(computed).toBe(1);
      expect(cache.stats).toMatchObject({ hits: 1, misses: 1, errors: 0 });
    } finally {
      await store.close();
      expect(await deleteKeys(prefix)).toBe(1);
    }
  });
});

describe.each(DIALECTS)('data version on %s', (kind) => {
  it('starts at 0; the seed and a real import raise it, a dry run does not', async () => {
    const orm = await createTestOrm(kind);
    try {
      const read = async () => (await readDataVersion(orm.em.fork()))!;
      const start = await read();
      expect(start.version).toBe(0);
      expect(start.epoch).toMatch(/^[0-9a-f]{32}$/);
      await seedDatabase(orm, { sampleActivities: true });
      const seeded = await read();
      expect(seeded.version).toBeGreaterThan(0);
      expect(seeded.epoch).toBe(start.epoch);
      const list = generateDecisionList(30, 'Phiên bản');
      const dry = await importDecisionList(orm.em.fork(), {
        fileName: 'v.csv',
        content: list.csv,
        dryRun: true,
      });
      expect(dry.dryRun).toBe(true);
      expect((await read()).version).toBe(seeded.version);
      const real = await importDecisionList(orm.em.fork(), {
        fileName: 'v.csv',
        content: list.csv,
      });
      expect(real.applied).toBe(true);
      expect((await read()).version).toBe(seeded.version + 1);
    } finally {
      await destroyTestOrm(orm);
    }
  });
});

describe.each(DIALECTS.flatMap((kind) => STORES.map((store) => [kind, store] as const)))(
  'cached figures on %s with the %s store',
  (kind, store) => {
    let api: TestApi;
    let secretariat: Client;
    let statements: string[] = [];
    const prefix = uniquePrefix(`api-${kind}`);
    beforeAll(async () => {
      api = await createTestApi(
        kind,
        store === 'redis' ? { REDIS_URL: redisTestUrl(), CACHE_PREFIX: prefix } : {},
      );
      await createActors(api.orm);
      secretariat = await signIn(api, 'secretariat');
      const logger = api.orm.config.getLogger();
      const original = logger.logQuery.bind(logger);
      logger.logQuery = (context) => {
        statements.push(context.query ?? '');
        original(context);
      };
    });
    afterAll(async () => {
      await api?.close();
      if (store === 'redis') expect(await deleteKeys(prefix)).toBeGreaterThan(0);
    });

    const version = async () => (await readDataVersion(api.orm.em.fork()))!.version;
    async function run(query: string) {
      statements = [];
      const res = await api.gql(query);
      expect(res.errors).toBeUndefined();
      return { data: res.data!, statements: statements.length };
    }

    it('uses the configured store', () => {
      expect(figureCacheOf(api.orm).store.kind).toBe(store);
    });

    it('answers a repeated overview, districts and stats from the cache with the same figures', async () => {
      for (const query of [OVERVIEW, DISTRICTS, STATS]) {
        const first = await run(query);
        const second = await run(query);
        expect(second.data).toEqual(first.data);
        expect(second.statements).toBeLessThan(first.statements);
      }
      // The overview's hit: the plan, its targets and the data version, no facts.
      expect((await run(OVERVIEW)).statements).toBeLessThanOrEqual(3);
    });

    it('a write through the API is visible at once and raises the version by one', async () => {
      const before = await run(OVERVIEW);
      const t1 = before.data.plan.targets.find((t: { code: string }) => t.code === 'T1-CERTIFIED');
      const v0 = await version();
      const res = await secretariat.gql(UPDATE_TARGET, {
        id: t1.id,
        v: t1.version,
        input: { targetValue: t1.progress.target + 7 },
      });
      expect(res.errors).toBeUndefined();
      expect(await version()).toBe(v0 + 1);
      const after = await run(OVERVIEW);
      const t1After = after.data.plan.targets.find(
        (t: { code: string }) => t.code === 'T1-CERTIFIED',
      );
      expect(t1After.progress.target).toBe(t1.progress.target + 7);
    });

    it('new facts change cached stats and districts at once', async () => {
      const evaluationsBefore = (await run(STATS)).data.stats;
      const em = api.orm.em.fork();
      const unit = await em.findOneOrFail(AdminUnit, { code: 'chau-phu' });
      const product = await em.findOneOrFail(
        Product,
        { unit: unit.id },
        { orderBy: { id: 'asc' } },
      );
      const res = await secretariat.gql(RECORD_EVALUATION, {
        i: {
          productId: product.id,
          level: 'PROVINCE',
          date: '2024-05-10',
          parts: [
            { part: 'A', score: 30 },
            { part: 'B', score: 20 },
            { part: 'C', score: 28.5 },
          ],
        },
      });
      expect(res.errors).toBeUndefined();
      const evaluationsAfter = (await run(STATS)).data.stats;
      expect(evaluationsAfter.total).toBe(evaluationsBefore.total + 1);
      const province = (s: { rows: { key: string; count: number }[] }) =>
        s.rows.find((r) => r.key === 'province')?.count ?? 0;
      expect(province(evaluationsAfter)).toBe(province(evaluationsBefore) + 1);
    });

    it('a refused write leaves the version, and invalid variables keep their errors', async () => {
      const v0 = await version();
      const refused = await secretariat.gql(UPDATE_TARGET, {
        id: '999999',
        v: 1,
        input: { targetValue: 1 },
      });
      expect(refused.errors).toBeDefined();
      expect(await version()).toBe(v0);
      const bad = await api.gql(
        '{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-02-30") { total } }',
      );
      expect(bad.errors?.[0]?.extensions?.code).toBeDefined();
      expect(errorOf(bad).code).not.toBe('INTERNAL_SERVER_ERROR');
      const again = await api.gql(
        '{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-02-30") { total } }',
      );
      expect(again.errors?.[0]?.extensions?.code).toBe(errorOf(bad).code);
    });
  },
);
