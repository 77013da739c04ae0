// Fault: the server stops while an upload is being imported (issue 11 point 5). On SIGTERM the real
// server (child process) aborts the import, records the run `aborted` in import_run AND in the
// audit log (who started it, which file), and exits 0. Killed with SIGKILL instead (no hook runs),
// the run is left `running` and its heartbeats stop; the next start records it as aborted once its
// heartbeat is older than IMPORT_STALE_SECONDS, on both dialects, and leaves alone a run whose
// owner, another process, is alive (its heartbeat is fresh).
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createOrm } from '../../src/db/orm.js';
import { seedDatabase } from '../../src/db/seed.js';
import { ImportRun } from '../../src/modules/imports/import-run.entity.js';
import { startImportHeartbeat } from '../../src/modules/imports/import.service.js';
import { sqlOf } from '../../src/modules/imports/sql-batch.js';
import { createActors, emailOf, PASSWORD, SIGN_IN } from '../auth-helpers.js';
import type { DbKind } from '../../src/db/orm-config.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from '../db.js';
import { generateDecisionList } from '../decision-list-generator.js';
import { gqlAt, spawnServer, type SpawnedServer } from './spawn-server.js';

const IMPORT = `mutation($c: String!) {
  importDecisionList(contentBase64: $c, dryRun: false, fileName: "interrupted.csv", format: CSV) {
    runId applied message } }`;
const PROGRESS = '{ lastImportProgress { runId fileName done finishedAt } }';
// Large enough that the import is still reading when the signal comes (about 2 s on SQLite).
const ROWS = 30_000;
// Small liveness settings, so a killed run is stale within seconds (config.ts).
const LIVENESS = { IMPORT_HEARTBEAT_SECONDS: '1', IMPORT_STALE_SECONDS: '4' };

interface Fixture {
  orm: MikroORM;
  env: Record<string, string>;
  /** A second connection to the same database, opened after the server has stopped. */
  reopen(): Promise<MikroORM>;
}

async function fixture(kind: DbKind): Promise<Fixture> {
  const orm = await createTestOrm(kind);
  await seedDatabase(orm, { sampleActivities: false });
  await createActors(orm);
  const url = kind === 'postgresql' ? orm.config.getClientUrl() : orm.config.get('dbName')!;
  await orm.close(true);
  return {
    orm,
    env: {
      ...(kind === 'postgresql' ? { DATABASE_URL: url } : { SQLITE_PATH: url }),
      IMPORT_MAX_BYTES: String(32 * 1024 * 1024),
      SHUTDOWN_GRACE_MS: '30000',
      ...LIVENESS,
    },
    reopen: () => createOrm(loadConfig(LIVENESS), { kind, url }),
  };
}

/** Starts an import of a fresh generated file and resolves once its run is reading rows. */
async function startImport(server: SpawnedServer, prefix: string) {
  const signIn = await gqlAt(server.base, SIGN_IN, { e: emailOf('secretariat'), p: PASSWORD });
  const auth = { authorization: `Bearer ${signIn.body.data.signIn.token as string}` };
  const content = Buffer.from(generateDecisionList(ROWS, prefix).csv).toString('base64');
  const answer = gqlAt(server.base, IMPORT, { c: content }, auth).catch((e: Error) => e);
  for (;;) {
    const progress = (await gqlAt(server.base, PROGRESS, undefined, auth)).body.data
      .lastImportProgress as { runId: string; fileName: string; done: number } | null;
    if (progress?.fileName === 'interrupted.csv' && progress.done > 0)
      return { answer, runId: Number(progress.runId) };
    await new Promise((r) => setTimeout(r, 20));
  }
}

const runOf = async (db: MikroORM, id: number) =>
  (await sqlOf(db.em.fork())('import_run').where({ id }))[0] as {
    status: string;
    message: string;
    finished_at: unknown;
    heartbeat_at: unknown;
  };

describe.each(DIALECTS)('an import interrupted by SIGTERM on %s', (kind) => {
  let f: Fixture;
  let server: SpawnedServer | undefined;
  let db: MikroORM | undefined;
  beforeAll(async () => {
    f = await fixture(kind);
    server = await spawnServer(f.env);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close(true);
    await destroyTestOrm(f?.orm);
  });

  it('is aborted, recorded in import_run and in the audit log, and the server exits 0', async () => {
    const { answer, runId } = await startImport(server!, 'Dừng');
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(0);
    const res = await answer;
    expect(res).not.toBeInstanceOf(Error);
    expect((res as { body: { data: unknown } }).body.data).toEqual({
      importDecisionList: {
        runId: String(runId),
        applied: false,
        message: 'Aborted: the server is shutting down; nothing was written.',
      },
    });

    db = await f.reopen();
    expect(await runOf(db, runId)).toMatchObject({ status: 'aborted' });
    const audit = await sqlOf(db.em.fork())('audit_log').where({
      record_type: 'ImportRun',
      record_id: String(runId),
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'importDecisionList.aborted',
      actor_email: emailOf('secretariat'),
    });
    const after = audit[0].after as unknown;
    expect(typeof after === 'string' ? JSON.parse(after) : after).toMatchObject({
      fileName: 'interrupted.csv',
      format: 'csv',
      status: 'aborted',
      message: 'Aborted: the server is shutting down; nothing was written.',
    });
  }, 120_000);
});

describe.each(DIALECTS)('an import killed with SIGKILL on %s', (kind) => {
  let f: Fixture;
  const servers: SpawnedServer[] = [];
  let db: MikroORM | undefined;
  beforeAll(async () => {
    f = await fixture(kind);
    servers.push(await spawnServer(f.env));
  }, 120_000);
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await db?.close(true);
    await destroyTestOrm(f?.orm);
  });

  it('leaves its run `running`; a later start records it as aborted once its heartbeat is stale, not a live run', async () => {
    const { runId } = await startImport(servers[0]!, 'Giết');
    servers[0]!.child.kill('SIGKILL');
    await servers[0]!.exited;
    const killedAt = Date.now();
    db = await f.reopen();
    const left = await runOf(db, runId);
    expect(left).toMatchObject({ status: 'running', finished_at: null });
    expect(left.heartbeat_at).not.toBeNull();

    // A run another process owns and is still importing: started long ago, its heartbeat kept
    // fresh by this process (the owner) every IMPORT_HEARTBEAT_SECONDS.
    const em = db.em.fork();
    const live = em.create(ImportRun, {
      fileName: 'still-importing.csv',
      sha256: 'a'.repeat(64),
      status: 'running',
      startedAt: new Date(Date.now() - 3600_000),
      heartbeatAt: new Date(),
      report: {},
    });
    await em.flush();
    let ownerDone!: () => void;
    startImportHeartbeat(db.em, live.id, new Promise<void>((r) => (ownerDone = r)));

    // Just past IMPORT_STALE_SECONDS after the killed process's last possible heartbeat.
    const staleMs = Number(LIVENESS.IMPORT_STALE_SECONDS) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, killedAt + staleMs + 500 - Date.now())));
    servers.push(await spawnServer(f.env));
    expect(servers[1]!.output()).toContain('Marked 1 import run(s) left running');
    await servers[1]!.stop();
    ownerDone();

    const run = await runOf(db, runId);
    expect(run).toMatchObject({
      status: 'aborted',
      message: 'Aborted: its process stopped before the import finished; nothing was written.',
    });
    expect(run.finished_at).not.toBeNull();
    expect(await runOf(db, live.id)).toMatchObject({ status: 'running', finished_at: null });
  }, 120_000);
});
