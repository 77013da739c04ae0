// Fault: PostgreSQL stops answering (a proxy in front of it stops forwarding). Requests must fail
// fast with STORAGE_UNAVAILABLE, /readyz must say 503 within 2 s, and once the database answers
// again the same process recovers without a restart. Each failed request is one warn line, never an
// "unexpected error", whether it failed inside GraphQL or before (a GET by id reads the data
// version first).
import { readFileSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createOrm } from '../../src/db/orm.js';
import { DEFAULT_MANIFEST } from '../../src/graphql/trusted-documents.js';
import { Department } from '../../src/modules/departments/department.entity.js';
import { createServer } from '../../src/server.js';
import { createTestOrm, destroyTestOrm } from '../db.js';
import { startProxy, type PausableProxy } from './tcp-proxy.js';

const QUERY = '{ departments { code } }';
const ME = (
  JSON.parse(readFileSync(DEFAULT_MANIFEST, 'utf8')) as {
    operations: { id: string; name: string }[];
  }
).operations.find((op) => op.name === 'Me')!;

describe('PostgreSQL unreachable behind a paused proxy', () => {
  let testDb: MikroORM;
  let orm: MikroORM;
  let app: FastifyInstance;
  let proxy: PausableProxy;
  const lines: string[] = [];
  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  beforeAll(async () => {
    testDb = await createTestOrm('postgresql');
    const direct = new URL(testDb.config.get('clientUrl')!);
    proxy = await startProxy(direct.hostname, Number(direct.port || 5432));
    const viaProxy = new URL(direct);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const config = loadConfig({
      DATABASE_URL: viaProxy.toString(),
      LOG_LEVEL: 'info',
      DB_STATEMENT_TIMEOUT_MS: '1000',
      DB_CONNECT_TIMEOUT_MS: '1000',
      READY_TIMEOUT_MS: '1000',
    });
    orm = await createOrm(config);
    const em = orm.em.fork();
    em.create(Department, {
      code: 'SNN',
      nameVi: 'Sở Nông nghiệp và Phát triển nông thôn',
      nameEn: 'Department of Agriculture and Rural Development',
      role: 'Standing agency of the OCOP programme',
    });
    await em.flush();
    app = await createServer(config, orm, {
      logStream: { write: (line) => void lines.push(line) },
    });
  });
  afterAll(async () => {
    proxy?.resume();
    await app?.close();
    await orm?.close(true);
    await proxy?.close();
    await destroyTestOrm(testDb);
  });

  const ready = () => app.inject({ method: 'GET', url: '/readyz' });
  const query = () => app.inject({ method: 'POST', url: '/graphql', payload: { query: QUERY } });

  it('answers normally through the proxy', async () => {
    expect((await ready()).statusCode).toBe(200);
    expect((await query()).json().errors).toBeUndefined();
  });

  it('says not ready within 2 s and fails requests fast while the database is frozen', async () => {
    proxy.pause();
    const t0 = performance.now();
    const res = await ready();
    const readyMs = performance.now() - t0;
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'not ready', database: false, reason: 'timeout' });
    expect(readyMs).toBeLessThan(2000);

    const t1 = performance.now();
    const answers = await Promise.all(Array.from({ length: 5 }, query));
    const queryMs = performance.now() - t1;
    for (const answer of answers) {
      expect(answer.statusCode).toBe(503);
      const error = answer.json().errors[0];
      expect(error.extensions).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      expect(error.extensions.messageVi).toMatch(/cơ sở dữ liệu/i);
    }
    // Bounded by DB_STATEMENT_TIMEOUT_MS + 1 s (client side), not by how long the freeze lasts.
    expect(queryMs).toBeLessThan(5000);
    console.log(
      `frozen PostgreSQL: /readyz 503 after ${Math.round(readyMs)} ms, 5 queries failed after ${Math.round(queryMs)} ms`,
    );
  });

  it('answers a GET by id STORAGE_UNAVAILABLE as well, and logs every failure at warn', async () => {
    const res = await app.inject({ method: 'GET', url: `/graphql?id=${ME.id}` });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      errors: [
        {
          message: 'The database did not answer in time. Try again later.',
          extensions: {
            code: 'STORAGE_UNAVAILABLE',
            reason: 'timeout',
            messageEn: 'The database did not answer in time. Try again later.',
            messageVi: 'Cơ sở dữ liệu không phản hồi kịp. Vui lòng thử lại sau.',
          },
        },
      ],
    });
    const reqId = res.headers['x-request-id'];
    expect(logged().filter((line) => line.reqId === reqId && line.level === 40)).toEqual([
      expect.objectContaining({
        msg: 'storage unavailable (timeout): answered STORAGE_UNAVAILABLE',
        code: 'STORAGE_UNAVAILABLE',
        reason: 'timeout',
      }),
    ]);
    // The five POSTs of the freeze and this GET: one warn line each, nothing at error level.
    const warnings = logged().filter((line) => line.code === 'STORAGE_UNAVAILABLE');
    expect(warnings.map((line) => line.level)).toEqual([40, 40, 40, 40, 40, 40]);
    expect(logged().filter((line) => (line.level as number) >= 50)).toEqual([]);
  });

  it('recovers without a restart once the database answers again', async () => {
    proxy.resume();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await ready()).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    const res = await query();
    expect(res.json().errors).toBeUndefined();
    expect(res.json().data.departments).toEqual([{ code: 'SNN' }]);
  });
});
