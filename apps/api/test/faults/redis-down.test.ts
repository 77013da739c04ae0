// Redis going away while REDIS_URL is set (README "Rate limiting", "Figure cache"): requests are
// served uncounted rather than refused, figures are computed instead of read from the cache, the
// API keeps answering, and once Redis is back counting and caching resume without a restart.
// A throwaway redis-server on a free port that the test starts, kills (SIGKILL, as a crash) and
// starts again; never a mock.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureCacheOf } from '../../src/cache/registry.js';
import { loadConfig } from '../../src/config.js';
import { seedDatabase } from '../../src/db/seed.js';
import { bumpDataVersion } from '../../src/modules/data-version/data-version.service.js';
import { createServer } from '../../src/server.js';
import { createTestOrm, destroyTestOrm } from '../db.js';

const STATS = `{ stats(measure: EVALUATIONS, groupBy: LEVEL, asOf: "2024-12-31") { rows { key count } total } }`;

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts redis-server on `port` (no persistence) and waits until it answers PING. */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { cwd: dir, stdio: 'ignore' },
  );
  const probe = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return child;
      } catch {
        probe.disconnect();
        await sleep(50);
      }
    }
  } finally {
    probe.disconnect();
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

describe('Redis down while REDIS_URL is set', () => {
  let orm: MikroORM;
  let app: FastifyInstance;
  let redis: ChildProcess;
  let port: number;
  let dir: string;
  const logged: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocop-redis-down-'));
    port = await freePort();
    redis = await startRedis(port, dir);
    orm = await createTestOrm('libsql');
    await seedDatabase(orm, { sampleActivities: false });
    app = await createServer(
      loadConfig({
        LOG_LEVEL: 'warn',
        REDIS_URL: `redis://127.0.0.1:${port}`,
        RATE_LIMIT_PER_MINUTE: '3',
      }),
      orm,
      // The server's log, to see that the outage is reported (not asserted word for word).
      { logStream: { write: (line: string) => void logged.push(line) } },
    );
  });
  afterAll(async () => {
    await app?.close();
    await destroyTestOrm(orm);
    if (redis) await stopRedis(redis);
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (ip: string, query = '{ __typename }') =>
    app.inject({ method: 'POST', url: '/graphql', remoteAddress: ip, payload: { query } });
  const statuses = async (n: number, ip: string) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await post(ip)).statusCode);
    return out;
  };

  it('counts in Redis and caches there while it answers; serves uncounted and computes while it is down; resumes when it is back', async () => {
    // Up: the budget of 3 per address is kept in Redis, figures are cached there.
    expect(await statuses(4, '10.9.0.1')).toEqual([200, 200, 200, 429]);
    const figures = figureCacheOf(orm);
    const first = await post('10.9.0.2', STATS);
    expect(first.statusCode).toBe(200);
    const answer = first.json().data;
    expect(answer.stats.total).toBeGreaterThan(0);
    expect(figures.store.kind).toBe('redis');
    expect(figures.stats.errors).toBe(0);
    expect(figures.stats.misses).toBeGreaterThan(0);

    // Down (killed, as a crash would): requests are served, none refused, none counted; the
    // figure is computed (a cache error, the same answer), and the probes answer.
    await stopRedis(redis);
    expect(await statuses(6, '10.9.0.3')).toEqual([200, 200, 200, 200, 200, 200]);
    const during = await post('10.9.0.4', STATS);
    expect(during.statusCode).toBe(200);
    expect(during.json().data).toEqual(answer);
    expect(figures.stats.errors).toBeGreaterThan(0);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(logged.join('\n')).toMatch(/rate-limit Redis error|figure cache unavailable/);

    // Back on the same port: ioredis reconnects by itself, and the budget counts again.
    redis = await startRedis(port, dir);
    let counted: number[] = [];
    for (let attempt = 0; attempt < 100 && !counted.includes(429); attempt++) {
      await sleep(100);
      counted = await statuses(4, `10.9.1.${attempt}`);
    }
    expect(counted).toEqual([200, 200, 200, 429]);
    // And caches there again. A write raises the data version, so the figure is computed anew:
    // a miss in Redis (not an error), stored there with the whole answer (cache/answer-cache.ts;
    // the restarted server started empty, so its keys come from after the outage).
    await orm.em.fork().transactional((tx) => bumpDataVersion(tx));
    const { errors, misses } = figures.stats;
    const cachedAgain = [await post('10.9.2.1', STATS), await post('10.9.2.2', STATS)];
    expect(cachedAgain.map((r) => r.json().data)).toEqual([answer, answer]);
    expect(figures.stats.misses).toBeGreaterThan(misses);
    expect(figures.stats.errors).toBe(errors);
    const client = new Redis(port, '127.0.0.1');
    try {
      const keys = await client.keys('*');
      expect(keys.some((key) => key.includes('answer:'))).toBe(true);
    } finally {
      client.disconnect();
    }
  });
});
