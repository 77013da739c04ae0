// SQLite's import copies its rows in short write transactions behind the import fence (issue 11
// point 1; modules/imports/decision-list-fenced-copy.ts, db/import-fence.ts): between two of them
// the rows are in the file but no read shows them, and other writers are not kept waiting; the
// last transaction shows them all at once. A failed, aborted or killed import's rows are removed.
// SQLite only: PostgreSQL's import writes in one transaction that other writers do not wait for,
// and fences nothing. The import runs on a second ORM opened like the import worker's (its own
// connection, `wait` mode) in this thread, paused between two copy transactions by the
// `duringCopy` hook. No timings are asserted (bench/import.ts prints the longest transaction).
import { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrmOptions } from '../src/db/orm-config.js';
import { IMPORT_FENCE } from '../src/db/import-fence.js';
import { loadConfig } from '../src/config.js';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { readSegmentsEpoch } from '../src/modules/data-version/fact-segments.js';
import { ImportRun } from '../src/modules/imports/import-run.entity.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { startImportRun } from '../src/modules/imports/import.service.js';
import { Product } from '../src/modules/products/product.entity.js';
import { gate } from './gate.js';
import { createTestApi, type TestApi } from './api.js';
import { createActors, signIn, type Client } from './auth-helpers.js';
import { generateDecisionList } from './decision-list-generator.js';

const REGISTER_ENTITY = 'mutation($i: EntityInput!) { registerEntity(input: $i) { id name } }';
const SEARCH = 'query($q: String!) { products(first: 5, filter: { search: $q }) { totalCount } }';
const OVERVIEW = `query Plan($year: Int!, $asOf: Date) { plan(year: $year) { targets(asOf: $asOf) {
  code progress(asOf: $asOf) { actual numerator denominator status perUnit { unit { code } value } } } } }`;

describe('SQLite import copied behind the fence', () => {
  let api: TestApi;
  let worker: MikroORM;
  let as: Client;

  beforeAll(async () => {
    api = await createTestApi('libsql', { RATE_LIMIT_PER_MINUTE: '1000000' });
    await createActors(api.orm);
    as = await signIn(api, 'secretariat');
    worker = await MikroORM.init(
      buildOrmOptions(loadConfig({ SQLITE_BUSY_TIMEOUT_MS: '5000' }), {
        kind: 'libsql',
        url: api.orm.config.get('dbName')!,
        sqliteBusy: 'wait',
      }),
    );
  });
  afterAll(async () => {
    await worker?.close(true);
    await api?.close();
  });

  const sql = <T>(query: string, params: unknown[] = []) =>
    api.orm.em.fork().getConnection().execute<T[]>(query, params, 'all');
  /** Products of the list in the file, fenced or not (raw SQL reads past the fence). */
  const inFile = async (prefix: string) =>
    Number(
      (
        await sql<{ n: number }>(`select count(*) as n from product where name like ?`, [
          `${prefix} sản phẩm %`,
        ])
      )[0]!.n,
    );
  /** Products of the list a read shows (the ORM's filter). */
  const shown = (prefix: string) =>
    api.orm.em.fork().count(Product, { name: { $like: `${prefix} sản phẩm %` } });
  const searched = async (prefix: string) => {
    const res = await as.gql(SEARCH, { q: `${prefix} sản phẩm` });
    expect(res.errors).toBeUndefined();
    return (res.data as { products: { totalCount: number } }).products.totalCount;
  };
  const fences = async () =>
    Number((await sql<{ n: number }>(`select count(*) as n from ${IMPORT_FENCE}`))[0]!.n);
  /** A run recorded as another import's would be, left with `status`. */
  const runOf = async (fileName: string, status: 'aborted' | 'running') => {
    const id = await startImportRun(api.orm.em.fork(), {
      fileName,
      sha256: '0'.repeat(64),
      dryRun: false,
      requestId: null,
      rowsTotal: 10,
    });
    await sql(`update import_run set status = ? where id = ?`, [status, id]);
    return id;
  };
  const dataVersion = async () =>
    Number((await sql<{ v: number }>('select version as v from data_version where id = 1'))[0]!.v);

  it('shows none of the rows between its transactions and all of them once it publishes', async () => {
    const list = generateDecisionList(300, 'Rào');
    const held = gate();
    const reached = gate();
    const tables: string[] = [];
    const importing = importDecisionList(worker.em.fork(), {
      fileName: 'rao.csv',
      content: list.csv,
      duringCopy: async (table) => {
        tables.push(table);
        if (table !== 'product') return;
        reached.open();
        await held.promise;
      },
    });
    await reached.promise;
    let before: number;
    try {
      before = await dataVersion();
      // The products are in the file, copied and committed, yet no read shows them.
      expect(await inFile('Rào')).toBe(300);
      expect(await shown('Rào')).toBe(0);
      expect(await searched('Rào')).toBe(0);
      expect(await fences()).toBeGreaterThan(0);
    } finally {
      held.open();
    }
    const report = await importing;
    expect(report).toMatchObject({ applied: true, noChanges: false });
    expect(report.created.products).toBe(300);
    expect(tables.slice(0, 3)).toEqual(['source', 'economic_entity', 'product']);
    expect(await shown('Rào')).toBe(300);
    expect(await searched('Rào')).toBe(300);
    expect(await fences()).toBe(0);
    // Published in one transaction: the data version rose once.
    expect(await dataVersion()).toBe(before! + 1);
  });

  it('lets an API write through during its copy; the write changed the data, so it removes its rows and starts over', async () => {
    const list = generateDecisionList(200, 'Chen');
    const held = gate();
    const reached = gate();
    let pauses = 0;
    const importing = importDecisionList(worker.em.fork(), {
      fileName: 'chen.csv',
      content: list.csv,
      duringCopy: async (table) => {
        if (table !== 'evaluation' || ++pauses > 1) return;
        reached.open();
        await held.promise;
      },
    });
    await reached.promise;
    try {
      // Saved at once: the import holds no lock between its transactions.
      const written = await as.gql(REGISTER_ENTITY, {
        i: {
          name: 'Hợp tác xã Chen Giữa',
          type: 'COOPERATIVE',
          unitCode: 'chau-phu',
          commune: 'Bình Mỹ',
        },
      });
      expect(written.errors).toBeUndefined();
      expect(await shown('Chen')).toBe(0);
    } finally {
      held.open();
    }
    const report = await importing;
    expect(report.applied).toBe(true);
    expect(pauses).toBe(2);
    expect(await inFile('Chen')).toBe(200);
    expect(await shown('Chen')).toBe(200);
    expect(await fences()).toBe(0);
  });

  it('removes its copied rows when aborted during the copy: nothing stays, the run says so', async () => {
    const list = generateDecisionList(150, 'Dừng');
    const controller = new AbortController();
    const report = await importDecisionList(worker.em.fork(), {
      fileName: 'dung.csv',
      content: list.csv,
      signal: controller.signal,
      duringCopy: async (table) => {
        if (table === 'evaluation') controller.abort(new Error('stopped by the test'));
      },
    });
    expect(report.applied).toBe(false);
    expect(await inFile('Dừng')).toBe(0);
    expect(
      Number(
        (
          await sql<{ n: number }>(`select count(*) as n from economic_entity where name like ?`, [
            'Dừng cơ sở %',
          ])
        )[0]!.n,
      ),
    ).toBe(0);
    expect(await fences()).toBe(0);
    const run = await api.orm.em.fork().findOneOrFail(ImportRun, report.runId!);
    expect(run.status).toBe('aborted');
    expect(run.message).toMatch(/nothing was written/);
  });

  it("removes a killed import's fenced rows before the next import reserves its own", async () => {
    const dead = { id: await runOf('killed.csv', 'aborted') };
    const [{ id: entityId }] = await sql<{ id: number }>(
      'select max(id) as id from economic_entity',
    );
    const lo = Number(
      (
        await sql<{ n: number }>(
          `select max(coalesce((select max(id) from product), 0), coalesce((select seq from sqlite_sequence where name = 'product'), 0)) + 1 as n`,
        )
      )[0]!.n,
    );
    await sql(
      `insert into product (id, name, normalized_name, sort_key, entity_id, version) values (?, 'Bỏ sản phẩm 1', 'bo san pham 1', 'bo san pham 1', ?, 1)`,
      [lo, entityId],
    );
    await sql(`insert into ${IMPORT_FENCE} (name, lo, hi, run_id) values ('product', ?, ?, ?)`, [
      lo,
      lo + 9,
      dead.id,
    ]);
    expect(await inFile('Bỏ')).toBe(1);
    expect(await shown('Bỏ')).toBe(0);

    const report = await importDecisionList(worker.em.fork(), {
      fileName: 'sau.csv',
      content: generateDecisionList(20, 'Sau').csv,
    });
    expect(report.applied).toBe(true);
    expect(await inFile('Bỏ')).toBe(0);
    expect(await shown('Sau')).toBe(20);
    expect(await fences()).toBe(0);
  });

  it("refuses to copy while a live import's rows are fenced, and leaves them be", async () => {
    const live = { id: await runOf('live.csv', 'running') };
    await sql(
      `insert into ${IMPORT_FENCE} (name, lo, hi, run_id) values ('source', 900000, 900010, ?)`,
      [live.id],
    );
    try {
      const report = await importDecisionList(worker.em.fork(), {
        fileName: 'doi-luot.csv',
        content: generateDecisionList(10, 'Đợi').csv,
      });
      expect(report.applied).toBe(false);
      expect(report.message).toBe(
        `Failed: another import (run ${live.id}) was writing its rows; nothing was written. Import the file again when it has finished.`,
      );
      expect(await inFile('Đợi')).toBe(0);
      expect(await fences()).toBe(1);
    } finally {
      await sql(`delete from ${IMPORT_FENCE}`);
      await sql(`update import_run set status = 'aborted', phase = 'done' where id = ?`, [live.id]);
    }
  });
  it("keeps the overview's figures right during its copy and after, counting the changed segments only", async () => {
    const overview = async (asOf: string) => {
      const res = await api.gql(OVERVIEW, { year: 2021, asOf });
      expect(res.errors).toBeUndefined();
      return res.data;
    };
    const before = await overview('2021-12-31');
    const list = generateDecisionList(120, 'Đếm');
    const held = gate();
    const reached = gate();
    const importing = importDecisionList(worker.em.fork(), {
      fileName: 'dem.csv',
      content: list.csv,
      duringCopy: async (table) => {
        if (table !== 'decision_item') return;
        reached.open();
        await held.promise;
      },
    });
    await reached.promise;
    const epoch = await readSegmentsEpoch(api.orm.em.fork());
    let during: unknown;
    try {
      // A day not asked yet: every visible fact is counted, and the segments' partials are kept
      // while the import's rows are fenced.
      during = await overview('2021-12-30');
    } finally {
      held.open();
    }
    expect(await importing).toMatchObject({ applied: true, created: { products: 120 } });
    // Published: the segments of its rows rose, not the epoch. Both days' figures now show its
    // rows, counted from the kept partials and the changed segments, as a count of every fact.
    expect(await readSegmentsEpoch(api.orm.em.fork())).toBe(epoch);
    const after = await overview('2021-12-31');
    const afterDuring = await overview('2021-12-30');
    expect(after).not.toEqual(before);
    expect(afterDuring).not.toEqual(during);
    await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx, { allSegments: true }));
    expect(await overview('2021-12-31')).toEqual(after);
    expect(await overview('2021-12-30')).toEqual(afterDuring);
  });
});
