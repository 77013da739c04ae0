// The bulk importer on both dialects: a generated 10,000-row list written once and completely;
// set-based SQL (the statements of an import do not grow with its rows); the per-row report kept
// in the database and paged through GraphQL; progress read from the database; an aborted or
// killed import leaves its run marked aborted and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { loadConfig } from '../src/config.js';
import { Certificate } from '../src/modules/certificates/certificate.entity.js';
import { DecisionItem } from '../src/modules/decisions/decision-item.entity.js';
import { Decision } from '../src/modules/decisions/decision.entity.js';
import { EconomicEntity } from '../src/modules/entities/economic-entity.entity.js';
import { Evaluation } from '../src/modules/evaluations/evaluation.entity.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { ImportRun } from '../src/modules/imports/import-run.entity.js';
import {
  abortRunningImports,
  markKilledImportRuns,
} from '../src/modules/imports/import.service.js';
import { sqlOf } from '../src/modules/imports/sql-batch.js';
import { Product } from '../src/modules/products/product.entity.js';
import { Source } from '../src/modules/sources/source.entity.js';
import { createTestApi, type TestApi } from './api.js';
import { createActors, signIn, type Client } from './auth-helpers.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';
import { generateDecisionList } from './decision-list-generator.js';

const KINDS = [EconomicEntity, Product, Evaluation, Decision, DecisionItem, Certificate, Source];
const TODAY = '2026-11-30';

async function counts(orm: MikroORM): Promise<number[]> {
  const em = orm.em.fork();
  return Promise.all(KINDS.map((k) => em.count(k as never, {})));
}

const IMPORT = `mutation($f: String!, $c: String!, $d: Boolean!) {
  importDecisionList(fileName: $f, contentBase64: $c, format: CSV, dryRun: $d) {
    runId applied accepted flagged rejected problemRows rows { line status }
  }
}`;
const RUN = `query($id: ID!, $after: String) {
  importRun(id: $id) {
    status dryRun rowsDone rowsTotal flagged
    problems(first: 50, after: $after) { totalCount edges { node { line status issues { field } } } pageInfo { hasNextPage endCursor } }
  }
  lastImportProgress { runId status done total finishedAt }
}`;

describe.each(DIALECTS)('bulk import on %s', (kind) => {
  let api: TestApi;
  let secretariat: Client;
  beforeAll(async () => {
    api = await createTestApi(kind, {}, { seed: true });
    await createActors(api.orm);
    secretariat = await signIn(api, 'secretariat');
  });
  afterAll(() => api?.close());

  it('imports a generated 10,000-row list: every record written once, in one transaction', async () => {
    const list = generateDecisionList(10_000, 'Mười nghìn');
    const before = await counts(api.orm);
    const report = await importDecisionList(api.orm.em.fork(), {
      fileName: 'ten-thousand.csv',
      content: list.csv,
      today: TODAY,
    });
    expect(report.message).toBe('Imported 10000 rows (0 flagged).');
    expect(report.totals).toEqual({ rows: 10_000, accepted: 10_000, flagged: 0, rejected: 0 });
    expect(report.created).toEqual({
      entities: list.entities,
      products: 10_000,
      evaluations: 10_000,
      decisions: list.decisions,
      decisionItems: 10_000,
      certificates: 10_000,
      sources: list.decisions,
    });
    const after = await counts(api.orm);
    expect(after.map((n, i) => n - before[i]!)).toEqual([
      3334, 10_000, 10_000, 50, 10_000, 10_000, 50,
    ]);
    const run = await api.orm.em.fork().findOneOrFail(ImportRun, report.runId!);
    expect([run.status, run.rowsDone, run.rowsTotal, run.appliedSha256]).toEqual([
      'succeeded',
      10_000,
      10_000,
      report.sha256,
    ]);
  });

  it('runs set-based SQL: 1,000 rows take at most twice the statements of 100 rows', async () => {
    // Every statement, the ORM's and the importer's own (knex), passes knex's 'query' event.
    const statements: string[] = [];
    const knex = (api.orm.em as SqlEntityManager).getKnex();
    const listener = (query: { sql: string }) => statements.push(query.sql);
    knex.on('query', listener);
    const statementsFor = async (rows: number, prefix: string) => {
      statements.length = 0;
      const report = await importDecisionList(api.orm.em.fork(), {
        fileName: `${prefix}.csv`,
        content: generateDecisionList(rows, prefix).csv,
        today: TODAY,
      });
      expect(report.applied).toBe(true);
      return statements.length;
    };
    try {
      const at100 = await statementsFor(100, 'Trăm');
      const at1000 = await statementsFor(1000, 'Nghìn');
      console.log(`[${kind}] SQL statements of an import: 100 rows ${at100}, 1,000 rows ${at1000}`);
      // Chunks of 500 rows: 1,000 rows need a second statement per table at most.
      expect(at1000).toBeLessThanOrEqual(at100 * 2);
      // SQLite's own share (about 200 at either size): per staged table its TEMP table and the
      // indexes of its references, and per copy transaction its BEGIN, INSERT, COMMIT and WAL
      // checkpoint (decision-list-fenced-copy.ts); PostgreSQL needs about 30.
      expect(at1000).toBeLessThan(kind === 'libsql' ? 250 : 60);
    } finally {
      knex.off('query', listener);
    }
  });

  it('returns the first 50 rows with issues and pages through all of them from the database', async () => {
    const csv = [
      'product_name,entity_name,entity_type,commune,district,product_group,stars,score,level,decision,decision_date,year,batch,source_url',
      ...Array.from({ length: 60 }, (_, i) => `Sản phẩm trang ${i},,,,,,,,,,,2022,,`),
    ].join('\n');
    const res = await secretariat.gql(IMPORT, {
      f: 'pages.csv',
      c: Buffer.from(csv).toString('base64'),
      d: true,
    });
    expect(res.errors).toBeUndefined();
    const result = res.data!.importDecisionList;
    expect(result).toMatchObject({ applied: false, accepted: 0, flagged: 60, problemRows: 60 });
    expect(result.rows).toHaveLength(50);
    expect(result.rows.at(-1)).toEqual({ line: 51, status: 'FLAGGED' });

    const first = await secretariat.gql(RUN, { id: result.runId });
    expect(first.errors).toBeUndefined();
    expect(first.data!.importRun.problems.edges).toHaveLength(50);
    expect(first.data!.importRun.problems.pageInfo.hasNextPage).toBe(true);
    const page = await secretariat.gql(RUN, {
      id: result.runId,
      after: first.data!.importRun.problems.pageInfo.endCursor,
    });
    expect(page.errors).toBeUndefined();
    const run = page.data!.importRun;
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      dryRun: true,
      rowsDone: 60,
      rowsTotal: 60,
      flagged: 60,
    });
    expect(run.problems.edges.map((e: { node: { line: number } }) => e.node.line)).toEqual([
      52, 53, 54, 55, 56, 57, 58, 59, 60, 61,
    ]);
    expect(run.problems.edges[0].node.issues.map((i: { field: string }) => i.field)).toEqual([
      'entity_name',
      'district',
      'product_group',
      'stars',
      'source_url',
    ]);
    expect(run.problems.totalCount).toBe(60);
    expect(run.problems.pageInfo.hasNextPage).toBe(false);
    expect(page.data!.lastImportProgress).toMatchObject({
      runId: result.runId,
      status: 'SUCCEEDED',
      done: 60,
      total: 60,
    });
    const bad = await secretariat.gql(RUN, { id: result.runId, after: 'x' });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
  });

  it('stops an import on abortRunningImports(): run recorded as aborted, nothing written', async () => {
    const before = await counts(api.orm);
    let aborting: Promise<number> | null = null;
    const report = await importDecisionList(api.orm.em.fork(), {
      fileName: 'stopped.csv',
      content: generateDecisionList(5_000, 'Dừng').csv,
      today: TODAY,
      onProgress: () => {
        aborting ??= abortRunningImports('test stop');
      },
    });
    expect(await aborting).toBe(1);
    expect(report.applied).toBe(false);
    expect(report.message).toBe('Aborted: test stop; nothing was written.');
    const run = await api.orm.em.fork().findOneOrFail(ImportRun, report.runId!);
    expect([run.status, run.appliedSha256, run.finishedAt === null]).toEqual([
      'aborted',
      null,
      false,
    ]);
    expect(await counts(api.orm)).toEqual(before);
  });

  it('marks a run left running as aborted when its heartbeat (or start) is stale', async () => {
    const em = api.orm.em.fork();
    const hoursAgo = new Date(Date.now() - 2 * 3600_000);
    const run = (fileName: string, startedAt: Date, heartbeatAt: Date | null) =>
      em.create(ImportRun, {
        fileName,
        sha256: 'f'.repeat(64),
        status: 'running',
        startedAt,
        heartbeatAt,
        report: {},
      });
    // Recorded before heartbeats existed: its start is what is stale.
    const old = run('killed-before-heartbeats.csv', hoursAgo, null);
    // Its process stopped writing heartbeats 10 minutes ago (IMPORT_STALE_SECONDS: 120).
    const killed = run('killed.csv', hoursAgo, new Date(Date.now() - 600_000));
    // A long import whose owner is alive: started long ago, heartbeat fresh.
    const alive = run('long.csv', hoursAgo, new Date());
    const fresh = run('running.csv', new Date(), null);
    await em.flush();
    expect(await markKilledImportRuns(api.orm.em)).toBe(2);
    const after = api.orm.em.fork();
    const statuses: string[] = [];
    for (const r of [old, killed, alive, fresh])
      statuses.push((await after.findOneOrFail(ImportRun, r.id)).status);
    expect(statuses).toEqual(['aborted', 'aborted', 'running', 'running']);
  });

  it('gives a run whose file is not hashed yet a null sha256, never an empty string', async () => {
    const em = api.orm.em.fork();
    // As beginImport({ deferHash: true }) records it before the worker reads the file.
    const unhashed = em.create(ImportRun, {
      fileName: 'not-read-yet.csv',
      sha256: '',
      status: 'running',
      startedAt: new Date(),
      report: {},
    });
    await em.flush();
    const res = await secretariat.gql(
      `query($id: ID!) { importRun(id: $id) { fileName sha256 } }`,
      {
        id: String(unhashed.id),
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ importRun: { fileName: 'not-read-yet.csv', sha256: null } });
  });
});

describe('a stale run whose row an import transaction holds, on PostgreSQL', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm('postgresql');
  });
  afterAll(() => destroyTestOrm(orm));

  it('is left running, without waiting for that transaction (its owner is alive)', async () => {
    const em = orm.em.fork();
    const held = em.create(ImportRun, {
      fileName: 'writing.csv',
      sha256: 'd'.repeat(64),
      status: 'running',
      startedAt: new Date(Date.now() - 3600_000),
      // The owner's heartbeats wait for its own transaction, so the committed one ages.
      heartbeatAt: new Date(Date.now() - 3600_000),
      report: {},
    });
    await em.flush();
    let release!: () => void;
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    // As an import's write transaction does: its first write is to its run's row.
    const tx = orm.em.fork().transactional(async (t) => {
      await sqlOf(t)('import_run').where({ id: held.id }).update({ phase: 'writing' });
      locked();
      await new Promise<void>((r) => (release = r));
    });
    await holding;
    // From the test's own async context, not the transaction's (CONTRIBUTING.md, SQLite locks).
    const marked = await markKilledImportRuns(orm.em);
    release();
    await tx;
    expect(marked).toBe(0);
    expect((await orm.em.fork().findOneOrFail(ImportRun, held.id)).status).toBe('running');
    // Released (the process died: its connection ended), the same run is marked.
    expect(await markKilledImportRuns(orm.em)).toBe(1);
  });
});

describe('import liveness settings', () => {
  it('refuse a stale threshold of 3 heartbeats or less', () => {
    expect(() =>
      loadConfig({ IMPORT_HEARTBEAT_SECONDS: '10', IMPORT_STALE_SECONDS: '30' }),
    ).toThrow(/IMPORT_STALE_SECONDS: must be more than 3 × IMPORT_HEARTBEAT_SECONDS/);
    expect(loadConfig({})).toMatchObject({
      IMPORT_HEARTBEAT_SECONDS: 10,
      IMPORT_STALE_SECONDS: 120,
    });
    expect(loadConfig({ IMPORT_HEARTBEAT_SECONDS: '1', IMPORT_STALE_SECONDS: '4' })).toMatchObject({
      IMPORT_HEARTBEAT_SECONDS: 1,
      IMPORT_STALE_SECONDS: 4,
    });
  });
});
