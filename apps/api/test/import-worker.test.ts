// The importDecisionList mutation runs its import in a worker thread with its own connection
// (modules/imports/import-thread.ts), on both dialects: a 10,000-row upload over HTTP while
// another client polls /healthz every 50 ms (and /readyz and the progress), all of them answered
// during the import; a shutdown's abort reaches the worker (run aborted, nothing written); a
// worker that dies leaves its run failed, nothing written, and the next upload works. Timings
// are not asserted here: bench/import.ts prints the /healthz percentiles during an import.
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Certificate } from '../src/modules/certificates/certificate.entity.js';
import { EconomicEntity } from '../src/modules/entities/economic-entity.entity.js';
import { Evaluation } from '../src/modules/evaluations/evaluation.entity.js';
import { ImportRun } from '../src/modules/imports/import-run.entity.js';
import { abortRunningImports } from '../src/modules/imports/import.service.js';
import { stopImportWorker } from '../src/modules/imports/import-thread.js';
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
const PROGRESS = '{ lastImportProgress { runId status done total } }';

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
