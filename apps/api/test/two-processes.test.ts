// Two API processes behind one PostgreSQL and one Redis, as README "Production and scale"
// describes: both share the figure cache, and a write through one process is read through the
// other at once (the write raises the data version in the database; no cache entry expires by time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { Redis } from 'ioredis';
import { seedDatabase } from '../src/db/seed.js';
import { createActors, emailOf, PASSWORD, SIGN_IN } from './auth-helpers.js';
import { createTestOrm, destroyTestOrm } from './db.js';
import { deleteKeys, redisTestUrl, uniquePrefix } from './redis.js';
import { gqlAt, spawnServer, type SpawnedServer } from './faults/spawn-server.js';

const OVERVIEW = `{ plan(year: 2021) { targets(asOf: "2021-12-31") { id code version progress { target actual status } } } }`;
const UPDATE_TARGET = `mutation($id: ID!, $v: Int!, $input: TargetUpdateInput!) {
  updateTarget(id: $id, version: $v, input: $input) { targetValue version } }`;

interface Target {
  id: string;
  code: string;
  version: number;
  progress: { target: number; actual: number | null; status: string };
}

describe('two API processes on one PostgreSQL and one Redis', () => {
  let orm: MikroORM;
  let a: SpawnedServer;
  let b: SpawnedServer;
  const prefix = uniquePrefix('two-processes');
  // The rate-limit counters under a prefix of their own (not the deployment default in a shared
  // Redis), apart from the cache keys counted below.
  const rateLimitPrefix = uniquePrefix('two-processes-rl');
  const redis = new Redis(redisTestUrl(), { lazyConnect: true });
  const keys = async () => (await redis.keys(`${prefix}*`)).length;

  beforeAll(async () => {
    orm = await createTestOrm('postgresql');
    await seedDatabase(orm, { sampleActivities: true });
    await createActors(orm);
    const env = {
      DATABASE_URL: orm.config.getClientUrl(),
      REDIS_URL: redisTestUrl(),
      CACHE_PREFIX: prefix,
      RATE_LIMIT_REDIS_PREFIX: rateLimitPrefix,
      LOG_LEVEL: 'warn',
      // The cache's entries are counted below: none made by a warm-up (http/warm-up.ts).
      WARM_UP: '0',
    };
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    await redis.connect();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    redis.disconnect();
    await deleteKeys(prefix);
    await deleteKeys(rateLimitPrefix);
    await destroyTestOrm(orm);
  });

  const overview = async (server: SpawnedServer): Promise<Target[]> => {
    const res = await gqlAt(server.base, OVERVIEW);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.plan.targets;
  };

  it('shares one cache: figures computed by A are served to B without new entries', async () => {
    expect(await keys()).toBe(0);
    const fromA = await overview(a);
    const stored = await keys();
    expect(stored).toBe(fromA.length);
    expect(await overview(b)).toEqual(fromA);
    expect(await keys()).toBe(stored);
  });

  it('a write through A is read through B at once', async () => {
    const before = await overview(b);
    const t1 = before.find((t) => t.code === 'T1-CERTIFIED')!;
    const signIn = await gqlAt(a.base, SIGN_IN, { e: emailOf('secretariat'), p: PASSWORD });
    const token = signIn.body.data.signIn.token as string;
    const write = await gqlAt(
      a.base,
      UPDATE_TARGET,
      { id: t1.id, v: t1.version, input: { targetValue: t1.progress.target + 5 } },
      { authorization: `Bearer ${token}` },
    );
    expect(write.body.errors).toBeUndefined();
    const after = (await overview(b)).find((t) => t.code === 'T1-CERTIFIED')!;
    expect(after.progress.target).toBe(t1.progress.target + 5);
    expect(after.version).toBe(t1.version + 1);
    // And A reads what B just cached for the new version.
    const entries = await keys();
    expect((await overview(a)).find((t) => t.code === 'T1-CERTIFIED')).toEqual(after);
    expect(await keys()).toBe(entries);
  });

  it('a session opened through A signs in through B, and signing out through B ends it for A', async () => {
    const signIn = await gqlAt(a.base, SIGN_IN, { e: emailOf('viewer'), p: PASSWORD });
    const auth = { authorization: `Bearer ${signIn.body.data.signIn.token as string}` };
    const me = async (server: SpawnedServer) =>
      (await gqlAt(server.base, '{ me { email } }', undefined, auth)).body.data?.me;
    expect(await me(b)).toEqual({ email: emailOf('viewer') });
    const out = await gqlAt(b.base, 'mutation { signOut }', undefined, auth);
    expect(out.body.errors).toBeUndefined();
    expect(await me(a)).toBeNull();
  });
});
