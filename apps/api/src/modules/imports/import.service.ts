// Every query and write of import runs and their per-row problems (used by the importer, the
// GraphQL fields, the CLI and shutdown alike). A run's row is written in its own short
// transaction before the import starts and updated as it goes, so any process can report the
// progress and a killed import leaves a row saying what happened to it.
import type { EntityManager } from '@mikro-orm/core';
import { loadConfig, type AppConfig } from '../../config.js';
import { ormSettingsOf } from '../../db/orm.js';
import type { ImportIssue } from './decision-list-format.js';
import { ImportProblem } from './import-problem.entity.js';
import { ImportRun, type ImportRunStatus } from './import-run.entity.js';
import { chunks, isPostgres, sqlOf } from './sql-batch.js';

/** A row with something to say; accepted rows are not kept. */
export interface ProblemRow {
  line: number;
  status: 'flagged' | 'rejected';
  productName: string;
  issues: ImportIssue[];
}

/** A timestamp as the ORM stores it (SQLite: epoch milliseconds; PostgreSQL: timestamptz). */
const dbTime = (em: EntityManager, date: Date): unknown =>
  em.getPlatform().processDateProperty(date);

/**
 * How often a running import's owner writes its heartbeat, and how old the heartbeat of a dead
 * one is (config.ts IMPORT_HEARTBEAT_SECONDS, IMPORT_STALE_SECONDS): from the config `em`'s ORM
 * was opened with, else the defaults.
 */
function livenessOf(
  em: EntityManager,
): Pick<AppConfig, 'IMPORT_HEARTBEAT_SECONDS' | 'IMPORT_STALE_SECONDS'> {
  return ormSettingsOf(em)?.config ?? (defaults ??= loadConfig({}));
}
let defaults: AppConfig | undefined;

export async function startImportRun(
  em: EntityManager,
  facts: {
    fileName: string;
    sha256: string;
    dryRun: boolean;
    requestId: string | null;
    rowsTotal: number;
  },
): Promise<number> {
  const fork = em.fork();
  const now = new Date();
  const run = fork.create(ImportRun, {
    ...facts,
    requestId: facts.requestId?.slice(0, 64) ?? null,
    status: 'running',
    phase: 'reading',
    rowsDone: 0,
    startedAt: now,
    heartbeatAt: now,
    report: {},
  });
  await fork.flush();
  return run.id;
}

export async function updateImportProgress(
  em: EntityManager,
  runId: number,
  progress: { rowsDone?: number; rowsTotal?: number; phase?: string; sha256?: string },
): Promise<void> {
  const values: Record<string, unknown> = {};
  if (progress.sha256 !== undefined) values.sha256 = progress.sha256;
  if (progress.rowsDone !== undefined) values.rows_done = progress.rowsDone;
  if (progress.rowsTotal !== undefined) values.rows_total = progress.rowsTotal;
  if (progress.phase !== undefined) values.phase = progress.phase;
  await sqlOf(em.fork())('import_run').where({ id: runId }).update(values);
}

export interface RunOutcome {
  status: Exclude<ImportRunStatus, 'running'>;
  message: string;
  summary: Record<string, unknown>;
  rowsDone?: number;
  /** Set with the committed changes (inside the import's transaction). */
  appliedSha256?: string;
}

/** Records how a run ended; inside the import's transaction when `em` is that transaction. */
export async function finishImportRun(
  em: EntityManager,
  runId: number,
  outcome: RunOutcome,
): Promise<void> {
  const now = dbTime(em, new Date());
  const values: Record<string, unknown> = {
    status: outcome.status,
    phase: 'done',
    message: outcome.message,
    report: JSON.stringify(outcome.summary),
    finished_at: now,
  };
  if (outcome.rowsDone !== undefined) values.rows_done = outcome.rowsDone;
  if (outcome.appliedSha256) {
    values.applied_sha256 = outcome.appliedSha256;
    values.imported_at = now;
  }
  await sqlOf(em)('import_run').where({ id: runId }).update(values);
}

/**
 * Records the end of a run whose importer could not (its worker thread died): only while the run
 * is still `running`, so an outcome the importer recorded itself is never overwritten.
 */
export async function endRunningImportRun(
  em: EntityManager,
  runId: number,
  status: 'failed' | 'aborted',
  message: string,
): Promise<void> {
  await sqlOf(em.fork())('import_run')
    .where({ id: runId, status: 'running' })
    .update({ status, phase: 'done', message, finished_at: dbTime(em, new Date()) });
}

/** True when this file's changes were committed by an earlier run. */
export async function wasApplied(em: EntityManager, sha256: string): Promise<boolean> {
  return (await em.fork().count(ImportRun, { appliedSha256: sha256 })) > 0;
}

/**
 * Marks the runs a dead process left `running` (kill -9, power cut: no shutdown hook recorded
 * their end) as aborted, so a trace of them remains instead of a run that says it is still going.
 * A run is dead when its heartbeat (its start, when it has none) is older than
 * `staleSeconds`: the process that owns a running import writes it every IMPORT_HEARTBEAT_SECONDS
 * (startImportHeartbeat), whichever process that is (an API process, its import worker's host
 * thread, the CLI) and on both dialects, so a start or an import in another process never marks
 * a live import. Called at start (main.ts) and before each import (beginImport). Returns how many.
 */
export async function markKilledImportRuns(
  em: EntityManager,
  staleSeconds = livenessOf(em).IMPORT_STALE_SECONDS,
): Promise<number> {
  const before = dbTime(em, new Date(Date.now() - staleSeconds * 1000));
  const knex = sqlOf(em.fork());
  const stale = knex('import_run')
    .select('id')
    .where({ status: 'running' })
    .andWhereRaw('coalesce(heartbeat_at, started_at) < ?', [before as number]);
  // PostgreSQL: an import's write transaction holds its run's row from its first write to its
  // commit, so the owner's heartbeats wait and the committed one ages; a row held by a
  // transaction has a live owner (a dead process's connection ends and releases it). Skipped,
  // not waited for: waiting lasts until that commit or statement_timeout (a start failed that way
  // in a probe, IMPORT_STALE_SECONDS=4, while a 150,000-row CLI import wrote for 23 s).
  if (isPostgres(knex)) stale.forUpdate().skipLocked();
  return knex('import_run')
    .whereIn('id', stale)
    .update({
      status: 'aborted',
      phase: 'done',
      finished_at: dbTime(em, new Date()),
      message: 'Aborted: its process stopped before the import finished; nothing was written.',
    });
}

/**
 * Writes the run's heartbeat every IMPORT_HEARTBEAT_SECONDS until `done` settles, from the
 * process that owns the import (registerRunningImport): its own short UPDATE, outside the
 * import's transaction, one at a time; a failed write is ignored (the next one may succeed), and
 * the timer does not keep the process alive. A write may wait: on SQLite for the copy's write
 * lock (an upload of 60,000 rows: heartbeat at most 1.4 s old with 1 s heartbeats) and, in the
 * CLI, whose pool has one connection, for the staging and the copy (150,000 rows: 7.7 s); on
 * PostgreSQL for the write transaction, which holds the run's row (150,000 rows: 23 s), a row the
 * stale check skips (markKilledImportRuns).
 */
export function startImportHeartbeat(
  em: EntityManager,
  runId: number,
  done: Promise<unknown>,
  seconds = livenessOf(em).IMPORT_HEARTBEAT_SECONDS,
): void {
  let writing = false;
  const timer = setInterval(() => {
    if (writing) return;
    writing = true;
    sqlOf(em.fork())('import_run')
      .where({ id: runId, status: 'running' })
      .update({ heartbeat_at: dbTime(em, new Date()) })
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => (writing = false));
  }, seconds * 1000);
  timer.unref();
  const stop = () => clearInterval(timer);
  void done.then(stop, stop);
}

/** Stores the problem rows of a run in multi-row INSERTs (outside the import's transaction). */
export async function storeImportProblems(
  em: EntityManager,
  runId: number,
  rows: readonly ProblemRow[],
): Promise<void> {
  const knex = sqlOf(em.fork());
  for (const chunk of chunks(rows)) {
    await knex('import_problem').insert(
      chunk.map((r) => ({
        run_id: runId,
        line: r.line,
        status: r.status,
        product_name: r.productName ? r.productName.slice(0, 300) : null,
        issues: JSON.stringify(r.issues),
      })),
    );
  }
}

export function findImportRun(em: EntityManager, id: number): Promise<ImportRun | null> {
  return em.fork().findOne(ImportRun, id);
}

export function latestImportRun(em: EntityManager): Promise<ImportRun | null> {
  return em.fork().findOne(ImportRun, { id: { $gt: 0 } }, { orderBy: { id: 'desc' } });
}

/** A page of a run's problem rows in line order, and how many there are. */
export async function importProblemsPage(
  em: EntityManager,
  runId: number,
  page: { offset: number; limit: number },
): Promise<[ProblemRow[], number]> {
  const [rows, total] = await em
    .fork()
    .findAndCount(
      ImportProblem,
      { run: runId },
      { orderBy: { line: 'asc' }, limit: page.limit, offset: page.offset },
    );
  return [
    rows.map((r) => ({
      line: r.line,
      status: r.status,
      productName: r.productName ?? '',
      issues: r.issues,
    })),
    total,
  ];
}

export function countImportProblems(em: EntityManager, runId: number): Promise<number> {
  return em.fork().count(ImportProblem, { run: runId });
}

// Imports running in this process, so a shutdown can stop them cleanly (recorded as aborted).
const running = new Map<number, { controller: AbortController; done: Promise<unknown> }>();

/** Registers an import this process owns: it can be aborted, and its run's heartbeat is written. */
export function registerRunningImport(
  em: EntityManager,
  runId: number,
  controller: AbortController,
  done: Promise<unknown>,
): void {
  running.set(runId, { controller, done });
  startImportHeartbeat(em, runId, done);
  // then(remove, remove), not finally: a failed import is its caller's error, not an unhandled one.
  const remove = () => running.delete(runId);
  void done.then(remove, remove);
}

/**
 * Aborts the imports running in this process (e.g. on SIGTERM): each stops at its next step, rolls
 * back and records its run as aborted. Resolves when they have (at most `timeoutMs`).
 */
export async function abortRunningImports(
  reason = 'the server is shutting down',
  timeoutMs = 10_000,
): Promise<number> {
  const all = [...running.values()];
  for (const { controller } of all) controller.abort(new ImportAborted(reason));
  await Promise.race([
    Promise.allSettled(all.map((r) => r.done)),
    new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
  ]);
  return all.length;
}

export class ImportAborted extends Error {
  override name = 'ImportAborted';
}
