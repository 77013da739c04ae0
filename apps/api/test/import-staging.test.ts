// SQLite's import holds the database file's write lock only for its copy (issue 11 point 1):
// the plan is staged in TEMP tables of the importing connection (decision-list-staging.ts), and
// the API's connections never wait inside SQLite for a lock (db/sqlite-connection.ts). The import
// runs here on a second ORM opened like the import worker's (its own connection, `wait` mode) in
// this thread, held before its copy by the `beforeCopy` hook, while the API answers:
//   - an API write through GraphQL is saved at once, a read sees none of the import's rows; the
//     write changed the data, so the import starts over from the file and then copies all rows;
//   - data changed before every copy: after STAGED_ATTEMPTS the run fails whole, with the reason;
//   - a row one of the file's records needs, saved meanwhile without raising the data version,
//     meets its unique index in the copy: nothing written, the run failed with the reason;
//   - an existing record the copy refers to, deleted meanwhile, fails the copy the same way (the
//     worker's copy checks its foreign keys itself, SQLite's enforcement off);
//   - while another connection holds the write lock, /healthz and reads are answered and a write
//     waits on timers, saved once the lock is released; one still locked after
//     SQLITE_BUSY_TIMEOUT_MS is STORAGE_UNAVAILABLE (503, reason busy, Retry-After), never an
//     internal error.
// No timings are asserted (bench/import.ts prints the lock's duration); only the order of events.
import { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrmOptions } from '../src/db/orm-config.js';
import { sqlEntityManager } from '../src/db/orm.js';
import type { RawSqlite } from '../src/db/sqlite-connection.js';
import { loadConfig } from '../src/config.js';
import { ImportRun } from '../src/modules/imports/import-run.entity.js';
import {
  importDecisionList,
  STAGED_ATTEMPTS,
} from '../src/modules/imports/decision-list-importer.js';
import { Product } from '../src/modules/products/product.entity.js';
import { Source } from '../src/modules/sources/source.entity.js';
import { gate } from './gate.js';
import { createTestApi, type TestApi } from './api.js';
import { createActors, signIn, type Client } from './auth-helpers.js';
import { generateDecisionList } from './decision-list-generator.js';

const REGISTER_ENTITY = 'mutation($i: EntityInput!) { registerEntity(input: $i) { id name } }';
const entityInput = (name: string) => ({
  name,
  type: 'COOPERATIVE',
  unitCode: 'chau-phu',
  commune: 'Bình Mỹ',
});

describe('SQLite import staged off the write lock', () => {
  let api: TestApi;
  let worker: MikroORM;
  let as: Client;

  beforeAll(async () => {
    // A budget long enough for the held write below to wait, short enough for the 503 case.
    api = await createTestApi(
      'libsql',
      { RATE_LIMIT_PER_MINUTE: '1000000' },
      { ormEnv: { SQLITE_BUSY_TIMEOUT_MS: '1500' } },
    );
    await createActors(api.orm);
    as = await signIn(api, 'secretariat');
    const file = api.orm.config.get('dbName')!;
    worker = await MikroORM.init(
      buildOrmOptions(loadConfig({ SQLITE_BUSY_TIMEOUT_MS: '5000' }), {
        kind: 'libsql',
        url: file,
        sqliteBusy: 'wait',
      }),
    );
  });
  afterAll(async () => {
    await worker?.close(true);
    await api?.close();
  });

  const productsNamed = (prefix: string) =>
    api.orm.em.fork().count(Product, { name: { $like: `${prefix} sản phẩm %` } });
  const runOf = (id: number | null) => api.orm.em.fork().findOneOrFail(ImportRun, id!);

  it('saves an API write during the staging at once; the import starts over and copies every row', async () => {
    const list = generateDecisionList(300, 'Giữa');
    const held = gate();
    const reached = gate();
    let copies = 0;
    const importing = importDecisionList(worker.em.fork(), {
      fileName: 'giua.csv',
      content: list.csv,
      beforeCopy: async () => {
        copies += 1;
        if (copies > 1) return;
        reached.open();
        await held.promise;
      },
    });
    await reached.promise;

    const written = await as.gql(REGISTER_ENTITY, { i: entityInput('Hợp tác xã Giữa Lúc Nhập') });
    expect(written.errors).toBeUndefined();
    expect(written.data?.registerEntity.name).toBe('Hợp tác xã Giữa Lúc Nhập');
    expect(await productsNamed('Giữa')).toBe(0);

    held.open();
    const report = await importing;
    expect(report).toMatchObject({ applied: true, noChanges: false });
    expect(report.created.products).toBe(300);
    // The write raised the data version after the references were read: planned again, once.
    expect(copies).toBe(2);
    expect(await productsNamed('Giữa')).toBe(300);
    expect((await runOf(report.runId)).status).toBe('succeeded');
  });

  it('fails whole when a row the copy inserts was saved meanwhile: nothing written, the run says why', async () => {
    const list = generateDecisionList(120, 'Trùng');
    const held = gate();
    const reached = gate();
    const importing = importDecisionList(worker.em.fork(), {
      fileName: 'trung.csv',
      content: list.csv,
      beforeCopy: async () => {
        reached.open();
        await held.promise;
      },
    });
    await reached.promise;
    // Saved without the data version (as no API write is), so only the unique index can tell.
    const url = `https://example.vn/ocop/${encodeURIComponent('Trùng')}/1`;
    const em = api.orm.em.fork();
    em.create(Source, { url });
    await em.flush();

    held.open();
    const report = await importing;
    expect(report.applied).toBe(false);
    expect(report.message).toMatch(/saved meanwhile by another write .*nothing was written/);
    expect(await productsNamed('Trùng')).toBe(0);
    expect(
      await api.orm.em.fork().count(Source, { url: { $like: `%${encodeURIComponent('Trùng')}%` } }),
    ).toBe(1);
    const run = await runOf(report.runId);
    expect(run.status).toBe('failed');
    expect(run.message).toBe(report.message);
  });

  it('fails whole when a record the copy refers to was deleted meanwhile: nothing written, the run says why', async () => {
    // The worker's copy runs with SQLite's foreign-key enforcement off and checks the references
    // to existing records itself (decision-list-staging.ts): this one must still be refused.
    const first = generateDecisionList(3, 'Xoá');
    expect(
      (await importDecisionList(worker.em.fork(), { fileName: 'xoa-1.csv', content: first.csv }))
        .applied,
    ).toBe(true);
    // The same entity and decision, three new products: the plan refers to the existing entity.
    const second = first.csv.replaceAll('Xoá sản phẩm', 'Xoá sản phẩm mới');
    const held = gate();
    const reached = gate();
    const importing = importDecisionList(worker.em.fork(), {
      fileName: 'xoa-2.csv',
      content: second,
      beforeCopy: async () => {
        reached.open();
        await held.promise;
      },
    });
    await reached.promise;
    // Deleted without the data version (no API write deletes an entity), so only the check can tell.
    await api.orm.em
      .fork()
      .getConnection()
      .execute(`delete from economic_entity where name = 'Xoá cơ sở 0'`, [], 'run');
    held.open();
    await expect(importing).rejects.toThrow(/FOREIGN KEY constraint failed: product\.entity_id/);
    expect(await productsNamed('Xoá sản phẩm mới')).toBe(0);
    const run = await api.orm.em
      .fork()
      .findOneOrFail(ImportRun, { fileName: 'xoa-2.csv' }, { orderBy: { id: 'desc' } });
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/refers to no economic_entity .*nothing was written/);
  });

  it(`fails whole when the data changes before each of its ${STAGED_ATTEMPTS} copies: nothing written, the run says why`, async () => {
    const list = generateDecisionList(60, 'Đổi');
    // The hook only hands over: it runs inside the importer's transaction context, which the
    // API's requests must not inherit (the ORM finds its transaction through async context), so
    // the writes are made from the test's own.
    const arrivals: (() => void)[] = [];
    let arrived: (() => void) | null = null;
    const importing = importDecisionList(worker.em.fork(), {
      fileName: 'doi.csv',
      content: list.csv,
      beforeCopy: () =>
        new Promise<void>((resume) => {
          arrivals.push(resume);
          arrived?.();
        }),
    });
    let copies = 0;
    for (;;) {
      const next = await Promise.race([
        importing.then(() => null),
        new Promise<() => void>((resolve) => {
          arrived = () => resolve(arrivals.shift()!);
          if (arrivals.length) arrived();
        }),
      ]);
      if (!next) break;
      copies += 1;
      const res = await as.gql(REGISTER_ENTITY, { i: entityInput(`Hợp tác xã Đổi Lần ${copies}`) });
      expect(res.errors).toBeUndefined();
      next();
    }
    const report = await importing;
    expect(copies).toBe(STAGED_ATTEMPTS);
    expect(report.applied).toBe(false);
    expect(report.message).toMatch(/other changes were saved .*nothing was written/);
    expect(await productsNamed('Đổi')).toBe(0);
    const run = await runOf(report.runId);
    expect(run.status).toBe('failed');
    expect(run.message).toBe(report.message);
  });

  it('answers while another connection holds the write lock; a write waits on timers, or gets STORAGE_UNAVAILABLE', async () => {
    const client = sqlEntityManager(worker.em).getKnex().client;
    const raw = (await client.acquireConnection()) as RawSqlite;
    try {
      raw.exec('begin immediate');
      let settled = false;
      const waiting = as.gql(REGISTER_ENTITY, { i: entityInput('Hợp tác xã Chờ Khóa') });
      void waiting.then(() => (settled = true));
      // The API thread is free: /healthz and a read are answered while the write waits.
      const health = await api.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      const read = await as.gql('{ products(first: 1) { totalCount } }');
      expect(read.errors).toBeUndefined();
      // The readiness probe's write does not wait either: a lock held elsewhere means writable.
      const ready = await api.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ready', writable: true });
      expect(settled).toBe(false);
      raw.exec('rollback');
      const saved = await waiting;
      expect(saved.errors).toBeUndefined();
      expect(saved.data?.registerEntity.name).toBe('Hợp tác xã Chờ Khóa');

      // Still locked after SQLITE_BUSY_TIMEOUT_MS (1.5 s here): 503, nothing saved.
      raw.exec('begin immediate');
      const res = await api.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${as.token}` },
        payload: { query: REGISTER_ENTITY, variables: { i: entityInput('Hợp tác xã Quá Hạn') } },
      });
      raw.exec('rollback');
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      const body = res.json() as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions).toMatchObject({
        code: 'STORAGE_UNAVAILABLE',
        reason: 'busy',
        retryAfterSeconds: 2,
        messageVi: expect.stringContaining('đang bận'),
      });
    } finally {
      if ((raw as unknown as { inTransaction: boolean }).inTransaction) raw.exec('rollback');
      await client.releaseConnection(raw);
    }
    const again = await as.gql(REGISTER_ENTITY, { i: entityInput('Hợp tác xã Quá Hạn') });
    expect(again.errors).toBeUndefined();
  });
});
