// Every query and write of import runs and their per-row problems (used by the importer, the
// GraphQL fields, the CLI and shutdown alike). A run's row is written in its own short
// transaction before the import starts and updated as it goes, so any process can report the
// progress and a killed import leaves a row saying what happened to it.
import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { ImportIssue } from './decision-list-format.js';
import { ImportProblem } from './import-problem.entity.js';
import { ImportRun, type ImportRunStatus } from './import-run.entity.js';
import { chunks, sqlOf } from './sql-batch.js';

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

/** A `running` row older than this is from a process that died: it is marked aborted. */
export const STALE_RUN_MINUTES = 30;

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
  const run = fork.create(ImportRun, {
    ...facts,
    requestId: facts.requestId?.slice(0, 64) ?? null,
    status: 'running',
    phase: 'reading',
    rowsDone: 0,
    startedAt: new Date(),
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

/** Marks `running` rows older than `minutes` as aborted (their process died). Returns how many. */
export async function markStaleImportRuns(
  em: EntityManager,
  minutes = STALE_RUN_MINUTES,
): Promise<number> {
  const before = dbTime(em, new Date(Date.now() - minutes * 60_000));
  return sqlOf(em.fork())('import_run')
    .where({ status: 'running' })
    .andWhere('started_at', '<', before as number)
    .update({
      status: 'aborted',
      phase: 'done',
      finished_at: dbTime(em, new Date()),
      message: `Aborted: still running after ${minutes} minutes (its process stopped).`,
    });
}

/**
 * At start: marks the runs a killed process left `running` (kill -9, power cut: no shutdown hook
 * recorded their end) as aborted, so the next start leaves a trace of them instead of a run that
 * says it is still going. On SQLite every such run is dead: one API process owns the file (README,
 * "Production and scale"), and its import worker is started by this process after this call. A
 * CLI import running at that moment is marked too, and records its real end when it finishes
 * (finishImportRun overwrites). On PostgreSQL other processes may be importing, so only runs
 * older than STALE_RUN_MINUTES are marked. Returns how many.
 */
export async function markKilledImportRuns(em: EntityManager): Promise<number> {
  if (em.getPlatform() instanceof PostgreSqlPlatform) return markStaleImportRuns(em);
  return sqlOf(em.fork())('import_run')
    .where({ status: 'running' })
    .update({
      status: 'aborted',
      phase: 'done',
      finished_at: dbTime(em, new Date()),
      message: 'Aborted: its process stopped before the import finished; nothing was written.',
    });
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

export function registerRunningImport(
  runId: number,
  controller: AbortController,
  done: Promise<unknown>,
): void {
  running.set(runId, { controller, done });
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
