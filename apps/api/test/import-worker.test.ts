// The importDecisionList mutation runs its import in a worker thread with its own connection
// (modules/imports/import-thread.ts), on both dialects: a 10,000-row upload over HTTP while
// another client polls /healthz every 50 ms (and /readyz and the progress), all of them answered
// during the import; an XLSX upload is read in the worker and its run carries the hash of the CSV
// it became (the same rows saved again are no change); a shutdown's abort reaches the worker (run aborted, nothing written); a
// worker that dies leaves its run failed, nothing written, and the next upload works. Timings
// are not asserted here: bench/import.ts prints the /healthz percentiles during an import.
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Certificate } from '../src/modules/certificates/certificate.entity.js';
import { EconomicEntity } from '../src/modules/entities/economic-entity.entity.js';
import { Evaluation } from '../src/modules/evaluations/evaluation.entity.js';
import { ImportRun } from '../src/modules/imports/import-run.entity.js';
import { abortRunningImports } from '../src/modules/imports/import.service.js';
import { importInWorker, stopImportWorker } from '../src/modules/imports/import-thread.js';
import { xlsxToCsv } from '../src/modules/imports/xlsx-rows.js';
import { Product } from '../src/modules/products/product.entity.js';
import { createTestApi, type Json, type TestApi } from './api.js';
import { createActors, signIn } from './auth-helpers.js';
import { DIALECTS } from './db.js';
import { generateDecisionList } from './decision-list-generator.js';

const IMPORT = `mutation($f: String!, $c: String!) {
  importDecisionList(fileName: $f, contentBase64: $c, format: CSV, dryRun: false) {
    runId applied message accepted rejected created { products entities certificates }
  }
}`;
const IMPORT_XLSX = `mutation($f: String!, $c: String!) {
  importDecisionList(fileName: $f, contentBase64: $c, format: XLSX, dryRun: false) {
    runId applied noChanges message accepted created { products } fileErrors { field code }
  }
}`;
const PROGRESS = '{ lastImportProgress { runId status done total } }';

/** A workbook of a generated list's rows (header first), saved as of `saved`. */
async function workbookOf(csv: string, saved: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = saved;
  const sheet = workbook.addWorksheet('Danh sách');
  for (const row of parse(csv) as string[][]) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

async function counts(orm: MikroORM): Promise<number[]> {
  const em = orm.em.fork();
  return Promise.all(
    [EconomicEntity, Product, Evaluation, Certificate].map((k) => em.count(k as never, {})),
  );
}

describe.each(DIALECTS)('import worker on %s', (kind) => {
  let api: TestApi;
  let base: string;
  let token: string;
  beforeAll(async () => {
    api = await createTestApi(kind, { RATE_LIMIT_PER_MINUTE: '1000000' }, { seed: true });
    await createActors(api.orm);
    token = (await signIn(api, 'secretariat')).token!;
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => api?.close());

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: Record<string, Json>; errors?: { message: string }[] };
  };
  const upload = (rows: number, prefix: string) =>
    gql(IMPORT, {
      f: `${prefix}.csv`,
      c: Buffer.from(generateDecisionList(rows, prefix).csv).toString('base64'),
    });
  /** Polls the progress until the run of this upload has checked some rows. */
  const untilRunning = async (fileName: string) => {
    for (;;) {
      const run = await api.orm.em
        .fork()
        .findOne(ImportRun, { fileName }, { orderBy: { id: 'desc' } });
      if (run && (run.status !== 'running' || run.rowsDone > 0)) return run;
      await sleep(20);
    }
  };

  it('imports 10,000 rows over HTTP while /healthz, /readyz and the progress are answered', async () => {
    const before = await counts(api.orm);
    let importing = true;
    const health: { status: number; during: boolean }[] = [];
    const ready: { status: number; writable: boolean; during: boolean }[] = [];
    const progress: string[] = [];
    const healthPoller = (async () => {
      while (importing) {
        const res = await fetch(`${base}/healthz`);
        const body = (await res.json()) as { status: string };
        health.push({ status: body.status === 'ok' ? res.status : 0, during: importing });
        await sleep(50);
      }
    })();
    const otherPoller = (async () => {
      while (importing) {
        const res = await fetch(`${base}/readyz`);
        const body = (await res.json()) as { writable: boolean };
        ready.push({ status: res.status, writable: body.writable, during: importing });
        const p = (await gql(PROGRESS)).data?.lastImportProgress;
        if (importing && p) progress.push(`${p.status} ${p.done > 0 ? 'some' : 'none'}`);
        await sleep(100);
      }
    })();

    const res = await upload(10_000, 'Luồng');
    importing = false;
    await Promise.all([healthPoller, otherPoller]);

    expect(res.errors).toBeUndefined();
    expect(res.data!.importDecisionList).toMatchObject({
      applied: true,
      message: 'Imported 10000 rows (0 flagged).',
      accepted: 10_000,
      rejected: 0,
      created: { products: 10_000, entities: 3334, certificates: 10_000 },
    });
    const after = await counts(api.orm);
    expect(after.map((n, i) => n - before[i]!)).toEqual([3334, 10_000, 10_000, 10_000]);
    // The API thread kept answering while the worker imported: polls came back during the import,
    // every one of them healthy and ready (the readiness write probe does not wait behind the
    // worker's write transaction), and the progress was read from the database mid-import.
    expect(health.filter((h) => h.during).length).toBeGreaterThanOrEqual(3);
    expect(health.every((h) => h.status === 200)).toBe(true);
    expect(ready.filter((r) => r.during).length).toBeGreaterThanOrEqual(1);
    expect(ready.every((r) => r.status === 200 && r.writable)).toBe(true);
    expect(progress).toContain('RUNNING some');
    const run = await api.orm.em
      .fork()
      .findOneOrFail(ImportRun, Number(res.data!.importDecisionList.runId));
    expect([run.status, run.rowsDone, run.appliedSha256 !== null]).toEqual([
      'succeeded',
      10_000,
      true,
    ]);
    // Generous: on a loaded machine (CI, shared runners) 10,000 rows over HTTP can take a minute.
  }, 180_000);

  it('hashes and counts a CSV upload in the worker: the run holds the file’s hash and rows, and the same file again changes nothing', async () => {
    const { csv } = generateDecisionList(60, 'Băm trong luồng');
    const content = Buffer.from(csv).toString('base64');
    const res = await gql(IMPORT, { f: 'bam.csv', c: content });
    expect(res.data!.importDecisionList).toMatchObject({ applied: true, accepted: 60 });
    const run = await api.orm.em
      .fork()
      .findOneOrFail(ImportRun, Number(res.data!.importDecisionList.runId));
    expect([run.status, run.rowsTotal, run.sha256, run.appliedSha256]).toEqual([
      'succeeded',
      60,
      sha256(csv),
      sha256(csv),
    ]);
    const again = await gql(IMPORT_XLSX.replace('XLSX', 'CSV'), { f: 'bam-2.csv', c: content });
    expect(again.data!.importDecisionList).toMatchObject({
      applied: false,
      noChanges: true,
      message: 'No changes: this file was already imported.',
    });
    const againRun = await api.orm.em
      .fork()
      .findOneOrFail(ImportRun, Number(again.data!.importDecisionList.runId));
    expect([againRun.sha256, againRun.rowsTotal]).toEqual([sha256(csv), 60]);
  });

  it('reads an XLSX upload in the worker and knows the run by the CSV it became', async () => {
    const { csv } = generateDecisionList(150, 'Bảng tính');
    const first = await workbookOf(csv, new Date('2026-01-05T08:00:00Z'));
    const res = await gql(IMPORT_XLSX, { f: 'bang.xlsx', c: first.toString('base64') });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importDecisionList).toMatchObject({
      applied: true,
      accepted: 150,
      created: { products: 150 },
      fileErrors: [],
    });
    const run = await api.orm.em
      .fork()
      .findOneOrFail(ImportRun, Number(res.data!.importDecisionList.runId));
    // The run's hash and row count are the CSV's, not the workbook's bytes'.
    expect([run.status, run.rowsTotal, run.sha256]).toEqual([
      'succeeded',
      150,
      sha256(await xlsxToCsv(first)),
    ]);
    expect(run.sha256).not.toBe(sha256(first));

    // The same rows saved again (other bytes): the same CSV, already applied.
    const again = await workbookOf(csv, new Date('2026-02-07T09:30:00Z'));
    expect(sha256(again)).not.toBe(sha256(first));
    const second = await gql(IMPORT_XLSX, { f: 'bang-2.xlsx', c: again.toString('base64') });
    expect(second.data!.importDecisionList).toMatchObject({
      applied: false,
      noChanges: true,
      message: 'No changes: this file was already imported.',
    });

    // A file that is no workbook: refused in the worker, its run recorded as failed.
    const bad = await gql(IMPORT_XLSX, {
      f: 'hong.xlsx',
      c: Buffer.from('PK not really a zip').toString('base64'),
    });
    const report = bad.data!.importDecisionList;
    expect(report.fileErrors).toEqual([{ field: 'file', code: 'xlsx' }]);
    const badRun = await api.orm.em.fork().findOneOrFail(ImportRun, Number(report.runId));
    // Refused before it became CSV: known by the hash of the bytes sent.
    expect([badRun.status, badRun.fileName, badRun.sha256, badRun.appliedSha256]).toEqual([
      'failed',
      'hong.xlsx',
      sha256(Buffer.from('PK not really a zip')),
      null,
    ]);
    expect(badRun.message).toMatch(/^File rejected: The file is not a readable XLSX workbook/);
  });

  it('forwards a shutdown’s abort to the worker: run aborted and nothing written, or finished whole', async () => {
    const before = await counts(api.orm);
    const pending = upload(10_000, 'Ngắt');
    await untilRunning('Ngắt.csv');
    // 0 when the import ended between the poll and the abort (fast machines).
    const aborted = await abortRunningImports('test stop');
    expect(aborted).toBeLessThanOrEqual(1);
    const res = await pending;
    expect(res.errors).toBeUndefined();
    const report = res.data!.importDecisionList;
    const run = await api.orm.em.fork().findOneOrFail(ImportRun, Number(report.runId));
    // All or nothing: an import already in its final write transaction finishes (the abort is
    // checked between steps); otherwise it is aborted and nothing is written.
    if (report.applied) {
      expect(run.status).toBe('succeeded');
      const after = await counts(api.orm);
      expect(after.map((n, i) => n - before[i]!)).toEqual([3334, 10_000, 10_000, 10_000]);
    } else {
      expect(report.message).toBe('Aborted: test stop; nothing was written.');
      expect([run.status, run.appliedSha256]).toEqual(['aborted', null]);
      expect(await counts(api.orm)).toEqual(before);
    }
  });

  it('stops a worker mid-import by closing it: run aborted, nothing written; the next upload starts a new worker', async () => {
    // The worker is asked to close (never terminated while libSQL's native code runs in it, which
    // would abort the process): it aborts the import, which rolls back and records its run.
    const before = await counts(api.orm);
    const pending = upload(10_000, 'Chết');
    const running = await untilRunning('Chết.csv');
    await stopImportWorker(api.orm);
    const res = await pending;
    expect(res.errors).toBeUndefined();
    const report = res.data!.importDecisionList;
    const run = await api.orm.em.fork().findOneOrFail(ImportRun, running.id);
    // All or nothing: an import already in its final write transaction finishes (the abort is
    // checked between steps); otherwise it is aborted and nothing is written.
    if (report.applied) {
      expect(run.status).toBe('succeeded');
      const after = await counts(api.orm);
      expect(after.map((n, i) => n - before[i]!)).toEqual([3334, 10_000, 10_000, 10_000]);
    } else {
      expect(report.message).toBe('Aborted: the import worker stopped; nothing was written.');
      expect([run.status, run.appliedSha256]).toEqual(['aborted', null]);
      expect(await counts(api.orm)).toEqual(before);
    }

    const next = await upload(30, 'Sau');
    expect(next.errors).toBeUndefined();
    expect(next.data!.importDecisionList).toMatchObject({ applied: true, accepted: 30 });
  });
});

// A worker that crashes mid-import (here: its heap limit, IMPORT_WORKER_MAX_HEAP_MB, is reached
// while it checks 50,000 rows, and V8 stops the thread): the run is recorded as failed with the
// reason, nothing is written, the API keeps answering, and the next upload starts a new worker.
// PostgreSQL only: on SQLite a thread stopped while libSQL's native code runs in it can abort the
// whole process (import-thread.ts closeWorker), which is why the limit is meant for PostgreSQL.
describe('a crashed import worker on postgresql', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(
      'postgresql',
      { RATE_LIMIT_PER_MINUTE: '1000000' },
      { seed: true, ormEnv: { IMPORT_WORKER_MAX_HEAP_MB: '64' } },
    );
    await createActors(api.orm);
  });
  afterAll(() => api?.close());

  it('leaves its run failed with the reason, writes nothing, and the server keeps serving', async () => {
    const small = () =>
      importInWorker(api.orm.em.fork(), {
        fileName: `nho-${Date.now()}.csv`,
        content: generateDecisionList(20, `Nhỏ ${Date.now()}`).csv,
      });
    // The worker starts and imports within its limit.
    expect(await small()).toMatchObject({ applied: true, totals: { accepted: 20 } });
    const before = await counts(api.orm);

    const failure = await importInWorker(api.orm.em.fork(), {
      fileName: 'lon.csv',
      content: generateDecisionList(50_000, 'Lớn').csv,
    }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/^Import failed: the import worker stopped: .*memory limit/);
    const run = await api.orm.em
      .fork()
      .findOneOrFail(ImportRun, { fileName: 'lon.csv' }, { orderBy: { id: 'desc' } });
    expect([run.status, run.phase, run.appliedSha256]).toEqual(['failed', 'done', null]);
    expect(run.message).toMatch(/^Failed: the import worker stopped: .*; nothing was written\.$/);
    expect(await counts(api.orm)).toEqual(before);

    // The API thread was not affected: it answers, and a new worker takes the next import.
    expect((await api.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const progress = await api.gql('{ __typename }');
    expect(progress.data).toEqual({ __typename: 'Query' });
    expect(await small()).toMatchObject({ applied: true, totals: { accepted: 20 } });
  }, 180_000);
});
