// Fault: the SQLite file becomes read-only (here: the immutable attribute, which even root cannot
// write through) or the disk fills up. /readyz must say not ready, reads keep working, and writes
// fail with STORAGE_UNAVAILABLE (HTTP 503) instead of "Internal server error", logged as one warn
// line with its reason, not as an unexpected error.
import { execFileSync } from 'node:child_process';
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createOrm } from '../../src/db/orm.js';
import { storageFailureOf } from '../../src/db/storage-errors.js';
import { createFormatError } from '../../src/graphql/errors.js';
import { Department } from '../../src/modules/departments/department.entity.js';
import { createServer } from '../../src/server.js';
import { createTestOrm, destroyTestOrm } from '../db.js';

const SIGN_IN =
  'mutation { signIn(email: "someone@ocop.test", password: "a password!") { token } }';

const immutable = (file: string, on: boolean) =>
  execFileSync('chattr', [on ? '+i' : '-i', file], { stdio: 'pipe' });

describe('read-only SQLite file', () => {
  let testDb: MikroORM;
  let file: string;
  let orm: MikroORM;
  let app: FastifyInstance;
  const lines: string[] = [];
  beforeAll(async () => {
    testDb = await createTestOrm('libsql');
    file = testDb.config.get('dbName')!;
    const em = testDb.em.fork();
    em.create(Department, {
      code: 'SNN',
      nameVi: 'Sở Nông nghiệp và Phát triển nông thôn',
      nameEn: 'Department of Agriculture and Rural Development',
      role: 'Standing agency of the OCOP programme',
    });
    await em.flush();
    await testDb.close(true);
    immutable(file, true);
    const config = loadConfig({ SQLITE_PATH: file, LOG_LEVEL: 'info' });
    orm = await createOrm(config);
    app = await createServer(config, orm, {
      logStream: { write: (line) => void lines.push(line) },
    });
  });
  afterAll(async () => {
    if (file) immutable(file, false);
    await app?.close();
    await orm?.close(true);
    await destroyTestOrm(testDb);
  });

  it('is not ready, still reads, and refuses writes with STORAGE_UNAVAILABLE', async () => {
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'not ready',
      database: true,
      writable: false,
      reason: 'read-only',
    });
    const read = await app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: '{ departments { code } }' },
    });
    expect(read.json()).toEqual({
      data: { departments: [{ code: 'SNN' }] },
      extensions: expect.any(Object),
    });
    const write = await app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: SIGN_IN },
    });
    expect(write.statusCode).toBe(503);
    expect(write.json().errors[0].extensions).toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      reason: 'read-only',
      messageVi: expect.stringMatching(/chỉ đọc/),
    });

    // The write's request logged one warn line (pino level 40) with the code and its reason,
    // no stack, and nothing at error level.
    const logged = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.reqId === write.headers['x-request-id']);
    const problems = logged.filter((line) => (line.level as number) >= 40);
    expect(problems).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'storage unavailable (read-only): answered STORAGE_UNAVAILABLE',
        code: 'STORAGE_UNAVAILABLE',
        reason: 'read-only',
        operationName: null,
        dbCode: 'SQLITE_READONLY',
        detail: 'attempt to write a readonly database',
      }),
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/stack|unexpected error/);
  });

  it('is ready again once the file is writable, without a restart', async () => {
    immutable(file, false);
    // The driver reopens its connection (libsql recycles connections older than 10 s).
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      status = (await app.inject({ method: 'GET', url: '/readyz' })).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
    const write = await app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: SIGN_IN },
    });
    expect(write.json().errors[0].extensions.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('full SQLite file', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm('libsql');
  });
  afterAll(() => destroyTestOrm(orm));

  it('maps the driver’s SQLITE_FULL to STORAGE_UNAVAILABLE', async () => {
    const em = orm.em.fork();
    const conn = em.getConnection();
    // Cap the file at its current size: the next page it needs cannot be allocated.
    const [{ page_count }] = await conn.execute<{ page_count: number }[]>('pragma page_count');
    await conn.execute(`pragma max_page_count = ${page_count}`);
    let failure: unknown;
    try {
      for (let i = 0; i < 500; i++) {
        em.create(Department, {
          code: `D${i}`,
          nameVi: 'x'.repeat(300),
          nameEn: 'x'.repeat(300),
          role: 'x'.repeat(2000),
        });
        await em.flush();
      }
    } catch (error) {
      failure = error;
    }
    expect(storageFailureOf(failure)).toBe('full');
    const format = createFormatError(() => undefined);
    const formatted = format(
      { message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      new GraphQLError('x', { originalError: failure as Error }),
    );
    expect(formatted.extensions).toMatchObject({ code: 'STORAGE_UNAVAILABLE', reason: 'full' });
  });
});
