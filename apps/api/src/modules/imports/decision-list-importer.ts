// Imports a decision list (the products-2020-2021.csv layout). The same function serves the CLI,
// the seed and the GraphQL upload. Steps: (1) an import_run row in its own short transaction;
// (2) read and check every row, a slice at a time with turns of the event loop between slices,
// keeping only the valid rows and the rows with something to say; (3) read what the database
// holds for those rows in batched SELECTs; (4) plan the inserts and fills in memory; (5) write
// them in ONE transaction (all-or-nothing: with any rejected row nothing is written unless the
// caller passes `skipRejected: true`). On PostgreSQL (3)–(5) run in that transaction, with
// multi-row statements (decision-list-writer.ts): rows are locked, not the database. On SQLite a
// write transaction locks the whole file, so (3)–(4) run before any, the plan is staged in TEMP
// tables (decision-list-staging.ts), and short write transactions copy it behind the import fence,
// invisible until the last one publishes every row at once (decision-list-fenced-copy.ts): other
// writers wait for one of them at most. The first and the last check that the data version is the
// one the references were read at; when another write was saved in between, the copied rows are
// removed and the import starts over from the file (at most STAGED_ATTEMPTS times), so a plan
// never rests on stale references. Idempotent: a file already
// applied (same sha256) writes nothing, and every record is matched on its natural key, so an
// overlapping list extends product histories instead of duplicating them.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import {
  decisionIdentity,
  normalizeDecisionNumber,
  todayIn,
  VIETNAM_TIME_ZONE,
} from '@ocop/domain';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { normalizeText } from '../shared/normalize-text.js';
import {
  DECISION_LIST_COLUMNS,
  ImportFileError,
  rowKey,
  validateRecord,
  type ImportIssue,
} from './decision-list-format.js';
import {
  planImport,
  zeroCounts,
  type ImportPlan,
  type PlanProblems,
  type RecordCounts,
} from './decision-list-plan.js';
import { readDecisionListRecords } from './decision-list-reader.js';
import { dropStaged, stagePlan, type StagedPlan } from './decision-list-staging.js';
import {
  copyFencedRows,
  FenceBusy,
  publishFenced,
  removeDeadFences,
  removeFencedRows,
  reserveFence,
  type Fence,
  type OnConnection,
} from './decision-list-fenced-copy.js';
import { fetchReferences, type UnitRow } from './decision-list-references.js';
import { writePlan } from './decision-list-writer.js';
import {
  ImportAborted,
  finishImportRun,
  markKilledImportRuns,
  registerRunningImport,
  startImportRun,
  storeImportProblems,
  updateImportProgress,
  wasApplied,
  type ProblemRow,
  type RunOutcome,
} from './import.service.js';
import { collectGarbage } from './collect-garbage.js';
import { memo } from './memo.js';
import { xlsxToCsv } from './xlsx-rows.js';
import { catchUpSearch } from './search-backlog.js';
import { isPostgres, sqlOf } from './sql-batch.js';
import {
  DATA_VERSION_SQL,
  readDataVersion,
  type DataVersionStamp,
} from '../data-version/data-version.service.js';
import type { Knex } from '@mikro-orm/knex';

export type { RecordCounts } from './decision-list-plan.js';

/** Problem rows returned with the report; the rest are read page by page from the run. */
export const REPORT_PROBLEM_ROWS = 50;

export interface ImportInput {
  fileName: string;
  content: Buffer | string;
  /** `xlsx`: the content is a workbook, turned into CSV by the import (in the worker thread). */
  format?: 'csv' | 'xlsx';
  /** Validate and compute the changes; nothing is written but the run and its report. */
  dryRun?: boolean;
  /** Write the valid rows even when some rows are rejected (default false: all or nothing). */
  skipRejected?: boolean;
  /** The request that started the import (kept on the run). */
  requestId?: string;
  /** Today in Vietnam (YYYY-MM-DD); decisions may not be dated after it. */
  today?: string;
  /** Aborts the import at its next step (recorded as aborted). */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /**
   * Called as each phase ends with its duration (bench/import.ts prints them). On SQLite `write`
   * is the staging, `commit` the copy (its short write transactions and the publication), `search`
   * what follows it (the search entries of the rows copied, in short transactions, and the
   * checkpoint) and `locked` the longest of those write transactions, from its start to its
   * commit: the longest any other writer waits for the import.
   */
  onPhase?: (
    phase: 'read' | 'resolve' | 'plan' | 'write' | 'commit' | 'locked' | 'search',
    ms: number,
  ) => void;
  /**
   * SQLite: awaited once the plan is staged, before its ids are reserved (tests hold an import
   * there to write through the API meanwhile).
   */
  beforeCopy?: () => Promise<void>;
  /**
   * SQLite: awaited after each copy transaction, with its table, while the copied rows are still
   * fenced (tests read and write through the API there).
   */
  duringCopy?: (table: string) => Promise<void>;
  /**
   * SQLite: awaited once the rows are published, before their search entries are written
   * (tests search there).
   */
  afterCopy?: () => Promise<void>;
  /** Runs inside the import's transaction just before commit (real runs only): the audit record. */
  beforeCommit?: (tx: EntityManager, report: ImportReport) => void | Promise<void>;
}

export interface ImportReport {
  /** The import_run row (null only when the run could not be recorded). */
  runId: number | null;
  fileName: string;
  sha256: string;
  dryRun: boolean;
  /** True when the changes were committed. */
  applied: boolean;
  /** True when the database already held everything in the file. */
  noChanges: boolean;
  message: string;
  fileErrors: ImportIssue[];
  /** The first REPORT_PROBLEM_ROWS rows with issues, in line order. */
  rows: ProblemRow[];
  /** All rows with issues (flagged or rejected). */
  problemRows: number;
  totals: { rows: number; accepted: number; flagged: number; rejected: number };
  created: RecordCounts;
  reused: RecordCounts;
}

class Rollback extends Error {}

/** SQLite: another write was saved between reading the references and the copy. */
class DataChanged extends Error {}

/**
 * A large import collects garbage after each this many rows read and planned, and between phases
 * (collect-garbage.ts): V8 would otherwise let the worker's heap grow to twice what it holds alive.
 * A full collection takes a fraction of a second on the import's thread; smaller imports skip it.
 */
const COLLECT_EVERY_ROWS = 20_000;

/** Attempts of an SQLite import whose data changed between its plan and its copy. */
export const STAGED_ATTEMPTS = 3;

const sameVersion = (a: DataVersionStamp | null, b: DataVersionStamp | null) =>
  a?.epoch === b?.epoch && a?.version === b?.version;

/** The data version as `trx` sees it. */
async function versionIn(trx: Knex.Transaction): Promise<DataVersionStamp | null> {
  const rows = (await trx.raw(DATA_VERSION_SQL)) as { version: unknown; epoch: unknown }[];
  const row = rows[0];
  return row ? { epoch: String(row.epoch), version: Number(row.version) } : null;
}

/** A unique index refused a row (SQLite's error through knex, or the ORM's converted one). */
function isUniqueViolation(error: unknown): boolean {
  if (error instanceof UniqueConstraintViolationException) return true;
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    (typeof e?.code === 'string' && /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(e.code)) ||
    (typeof e?.message === 'string' && /UNIQUE constraint failed/.test(e.message))
  );
}

/** Imports one decision-list file and returns its report (never throws for bad data). */
export async function importDecisionList(
  em: EntityManager,
  input: ImportInput,
): Promise<ImportReport> {
  const started = await beginImport(em, input);
  const controller = new AbortController();
  input.signal?.addEventListener('abort', () => controller.abort(input.signal!.reason), {
    once: true,
  });
  const work = continueImport(em, input, started, controller.signal);
  registerRunningImport(em, started.report.runId!, controller, work);
  return work;
}

/** An import whose run is recorded and whose work has not started yet. */
export interface StartedImport {
  report: ImportReport;
  /** Rows in the file, from its line count (the run's rowsTotal until it is read). */
  estimate: number;
}

/**
 * Step (1): hashes the file and records its run (`running`) in a short transaction of its own,
 * so the run exists before any work, whichever thread then does it (import-thread.ts). With
 * `deferHash` the run is recorded without the hash and the line count (sha256 '', rowsTotal 0) and
 * continueImport writes them first: the import worker does it, not the API thread (bench:import,
 * 100,000 rows, 20 MB: the API's event loop blocked 99–110 ms as the import started; with the
 * hash in the worker, no block over 60 ms there).
 */
export async function beginImport(
  em: EntityManager,
  input: ImportInput,
  { deferHash = false }: { deferHash?: boolean } = {},
): Promise<StartedImport> {
  // A workbook's hash and row count are replaced by its CSV's once it is read (see run).
  const sha256 = deferHash ? '' : sha256Of(input.content);
  const report: ImportReport = {
    runId: null,
    fileName: input.fileName,
    sha256,
    dryRun: input.dryRun ?? false,
    applied: false,
    noChanges: false,
    message: '',
    fileErrors: [],
    rows: [],
    problemRows: 0,
    totals: { rows: 0, accepted: 0, flagged: 0, rejected: 0 },
    created: zeroCounts(),
    reused: zeroCounts(),
  };
  await markKilledImportRuns(em);
  const estimate = deferHash ? 0 : estimateOf(input);
  report.runId = await startImportRun(em, {
    fileName: input.fileName,
    sha256,
    dryRun: report.dryRun,
    requestId: input.requestId ?? null,
    rowsTotal: estimate,
  });
  return { report, estimate };
}

/** Steps (2)–(5) of a begun import: read, check, resolve, plan, write; records how it ended. */
export async function continueImport(
  em: EntityManager,
  input: ImportInput,
  started: StartedImport,
  signal: AbortSignal,
): Promise<ImportReport> {
  if (started.report.sha256 === '') {
    // Deferred by beginImport: the values it would have recorded, before anything reads them.
    // A failure to store them is left to the import's own writes, which record how it ended.
    started.report.sha256 = sha256Of(input.content);
    started.estimate = estimateOf(input);
    await updateImportProgress(em, started.report.runId!, {
      sha256: started.report.sha256,
      rowsTotal: started.estimate,
    }).catch(() => undefined);
  }
  for (let attempt = 1; ; attempt++) {
    // Each attempt reports afresh (an attempt that started over counted rows and problems).
    const report = structuredClone(started.report);
    try {
      return await run(em, input, report, signal, started.estimate, attempt < STAGED_ATTEMPTS);
    } catch (error) {
      if (!(error instanceof DataChanged)) throw error;
    }
  }
}

async function run(
  em: EntityManager,
  input: ImportInput,
  report: ImportReport,
  signal: AbortSignal,
  initialEstimate: number,
  mayStartOver: boolean,
): Promise<ImportReport> {
  let estimate = initialEstimate;
  const runId = report.runId!;
  let mark = performance.now();
  const problems: ProblemRow[] = [];
  const finish = async (outcome: Omit<RunOutcome, 'summary'>, tx: EntityManager = em) => {
    report.message = outcome.message;
    report.problemRows = problems.length;
    report.rows = problems.slice(0, REPORT_PROBLEM_ROWS);
    await finishImportRun(tx, runId, { ...outcome, summary: summaryOf(report) });
  };
  const keepProblems = () => storeImportProblems(em, runId, problems);
  try {
    let content = input.content;
    if (input.format === 'xlsx') {
      // Here, not in the API thread: reading a workbook (unzip, XML) takes seconds for a large
      // one. The run is then known by its CSV's hash, as the same list uploaded as CSV is, so
      // wasApplied finds either (a workbook's bytes change each time it is saved).
      try {
        content = await xlsxToCsv(bytesOf(content));
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        return await refuseFile(report, error, finish);
      }
      throwIfAborted(signal);
      report.sha256 = sha256Of(content);
      estimate = Math.max(0, countLines(content) - 1);
      await updateImportProgress(em, runId, { sha256: report.sha256, rowsTotal: estimate });
    }
    // (2) Read and check every row.
    const units = await em
      .fork()
      .find(AdminUnit, { type: { $in: ['city', 'town', 'district'] } }, { orderBy: { id: 'asc' } });
    const unitByName = new Map<string, AdminUnit[]>();
    for (const unit of units) {
      const list = unitByName.get(unit.normalizedName) ?? [];
      list.push(unit);
      unitByName.set(unit.normalizedName, list);
    }
    const interned = new Map<string, string>();
    const normalize = memo(normalizeText);
    const ctx = {
      districtExists: (name: string) => unitByName.has(normalize(name)),
      today: input.today ?? todayIn(VIETNAM_TIME_ZONE),
      intern: (value: string) => {
        const known = interned.get(value);
        if (known !== undefined) return known;
        if (interned.size < 50_000) interned.set(value, value);
        return value;
      },
    };
    const seen = new Map<string, number>();
    const decisionDates = new Map<string, { line: number; date: string }>();
    const valid: UnitRow[] = [];
    const problemByLine = new Map<number, ProblemRow>();
    let read = 0;
    /** The same file was committed before or meanwhile (its unique applied_sha256): a success, no changes. */
    const alreadyImported = async () => {
      report.noChanges = true;
      report.created = zeroCounts();
      await keepProblems();
      await finish({
        status: 'succeeded',
        message: 'No changes: this file was already imported.',
        rowsDone: read,
      });
      return report;
    };
    let collectedAt = 0;
    let progressAt = performance.now();
    try {
      for await (const records of readDecisionListRecords(content)) {
        throwIfAborted(signal);
        for (const raw of records) {
          const { report: rowReport, row } = validateRecord(raw, DECISION_LIST_COLUMNS.length, ctx);
          read += 1;
          report.totals.rows += 1;
          if (row) {
            const key = rowKey(row, normalize);
            const first = seen.get(key);
            const identity =
              row.decisionNumber && row.level && row.date
                ? decisionIdentity(normalizeDecisionNumber(row.decisionNumber), row.level)
                : null;
            const sameDecision = identity ? decisionDates.get(identity) : undefined;
            if (first !== undefined) {
              rowReport.status = 'rejected';
              rowReport.issues.unshift({
                field: 'row',
                code: 'duplicate',
                message: `same product, unit, entity, level, year and decision as line ${first}`,
              });
            } else if (sameDecision && sameDecision.date !== row.date!.date) {
              // One decision (number + issuing level) has one date; rows of it whose batch text
              // differs are still one decision (packages/domain/src/rules/decision-checks.ts).
              rowReport.status = 'rejected';
              rowReport.issues.unshift({
                field: row.date!.precision === 'day' ? 'decision_date' : 'year',
                code: 'decision_date_conflict',
                message: `decision ${row.decisionNumber} (${row.level}) is dated ${sameDecision.date} on line ${sameDecision.line}, not ${row.date!.date}`,
              });
            } else {
              seen.set(key, row.line);
              if (identity && !sameDecision)
                decisionDates.set(identity, { line: row.line, date: row.date!.date });
              valid.push({ ...row, unitId: pickUnit(unitByName, row, normalize)?.id ?? null });
            }
          }
          if (rowReport.status !== 'accepted') {
            const problem: ProblemRow = {
              line: rowReport.line,
              status: rowReport.status,
              productName: rowReport.productName,
              issues: rowReport.issues,
            };
            problems.push(problem);
            problemByLine.set(problem.line, problem);
          }
        }
        if (read - collectedAt >= COLLECT_EVERY_ROWS) {
          collectedAt = read;
          collectGarbage();
        }
        // Progress goes to the run's row at most four times a second (one short UPDATE).
        if (performance.now() - progressAt >= 250) {
          progressAt = performance.now();
          await updateImportProgress(em, runId, {
            rowsDone: read,
            rowsTotal: Math.max(read, estimate),
          });
        }
        input.onProgress?.(read, Math.max(read, estimate));
      }
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      return await refuseFile(report, error, finish);
    }
    interned.clear();
    seen.clear();
    // A large import collects the reading's garbage now, before its plan is built beside the rows.
    const large = read >= COLLECT_EVERY_ROWS;
    if (large) collectGarbage();
    countTotals(report, problems);
    if (report.totals.rejected > 0 && !input.skipRejected) {
      await keepProblems();
      await finish({
        status: 'failed',
        message: `${report.totals.rejected} of ${report.totals.rows} rows rejected; nothing was written (fix them, or import with skip-rejected).`,
        rowsDone: read,
      });
      return report;
    }
    if (await wasApplied(em, report.sha256)) return alreadyImported();

    // (3)–(5) Resolve, plan and write: in one transaction for a real run, outside any for a dry run.
    // Every row is read and checked: `done` says so (its last update, at most every 250 ms, may be
    // older, 0 for a small file), and the phase tells a poller the rows are being written now.
    await updateImportProgress(em, runId, { phase: 'writing', rowsDone: read, rowsTotal: read });
    const unitNames = new Map(units.map((u) => [u.id, u.name]));
    const phase = (name: 'read' | 'resolve' | 'plan' | 'write' | 'commit' | 'search') => {
      const now = performance.now();
      input.onPhase?.(name, now - mark);
      mark = now;
    };
    phase('read');
    const planFor = async (tx: EntityManager) => {
      const refs = await fetchReferences(sqlOf(tx), valid, normalize);
      phase('resolve');
      throwIfAborted(signal);
      // Without skipRejected a rejection ends the import, so the rows are planned only once and
      // may be dropped one by one as they are planned.
      let planned = await planImport(valid, refs, unitNames, normalize, {
        consume: !input.skipRejected,
        onTurn: (planned) => {
          if (planned % COLLECT_EVERY_ROWS === 0) collectGarbage();
        },
      });
      if ([...planned.problems.values()].some((p) => p.issues.some((i) => i.rejects))) {
        mergePlanProblems(problems, problemByLine, planned.problems);
        countTotals(report, problems);
        if (!input.skipRejected) return null;
        const rejected = new Set(
          problems.filter((p) => p.status === 'rejected').map((p) => p.line),
        );
        planned = await planImport(
          valid.filter((r) => !rejected.has(r.line)),
          refs,
          unitNames,
          normalize,
        );
      } else {
        mergePlanProblems(problems, problemByLine, planned.problems);
        countTotals(report, problems);
      }
      // The plan holds what the write needs: the rows (about 100 MB for 100,000) go now, not
      // after the write, which keeps the import's peak memory lower.
      valid.length = 0;
      problemByLine.clear();
      if (large) collectGarbage();
      phase('plan');
      return planned.plan;
    };
    const describe = (plan: ImportPlan) => {
      report.created = plan.created;
      report.reused = plan.reused;
      const changed = Object.values(plan.created).some((n) => n > 0) || plan.updated > 0;
      report.noChanges = !changed;
      return changed
        ? `Imported ${report.totals.rows - report.totals.rejected} rows (${report.totals.flagged} flagged${report.totals.rejected ? `, ${report.totals.rejected} rejected rows skipped` : ''}).`
        : 'No changes: every record in the file is already in the database.';
    };
    const rejectedMessage = () =>
      `${report.totals.rejected} of ${report.totals.rows} rows rejected; nothing was written (fix them, or import with skip-rejected).`;

    if (report.dryRun) {
      const plan = await planFor(em.fork());
      await keepProblems();
      if (!plan) {
        await finish({ status: 'failed', message: rejectedMessage(), rowsDone: read });
        return report;
      }
      const message = describe(plan);
      await finish({
        status: 'succeeded',
        message: `Dry run: ${message} Nothing was written.`,
        rowsDone: read,
      });
      return report;
    }

    if (!isPostgres(sqlOf(em))) {
      // SQLite: references read and the plan made outside any transaction, after the data
      // version (a write saved after this read raises it, so the copy sees it changed).
      const readAt = await readDataVersion(em);
      const plan = await planFor(em.fork());
      if (!plan) {
        await keepProblems();
        report.created = zeroCounts();
        report.reused = zeroCounts();
        await finish({ status: 'failed', message: rejectedMessage(), rowsDone: read });
        return report;
      }
      const message = describe(plan);
      let staged = null as StagedPlan | null;
      let fence = null as Fence | null;
      // One connection of the pool for the whole write: the staged TEMP tables and the
      // foreign-key pragma belong to it (the import worker's pool has only this one, so nothing
      // else may ask that pool for a connection until it is released below).
      const knexOfEm = sqlOf(em);
      const connection: unknown = await knexOfEm.client.acquireConnection();
      const onConnection: OnConnection = (work) => knexOfEm.transaction(work, { connection });
      /** The longest write transaction (every other writer waits at most that long). */
      let lockedMs = 0;
      const locking: OnConnection = async (work) => {
        const began = performance.now();
        try {
          return await onConnection(work);
        } finally {
          lockedMs = Math.max(lockedMs, performance.now() - began);
        }
      };
      const step = async () => {
        throwIfAborted(signal);
        await nextTurn();
      };
      try {
        // The copy checks the foreign keys it could break itself (checkReferences in
        // decision-list-staging.ts), much faster than SQLite does row by row under the lock. The
        // pragma holds for the connection and is set outside a transaction.
        await knexOfEm.raw('pragma foreign_keys = off').connection(connection);
        try {
          try {
            // TEMP tables only: this transaction takes no lock on the file.
            await onConnection(async (trx) => {
              staged = await stagePlan(trx, plan, step);
            });
            throwIfAborted(signal);
            phase('write');
            await input.beforeCopy?.();
            throwIfAborted(signal);
            await removeDeadFences(locking);
            fence = await locking(async (trx) => {
              await trx('import_run').where({ id: runId }).update({ phase: 'writing' });
              if (!sameVersion(readAt, await versionIn(trx))) throw new DataChanged();
              return reserveFence(trx, staged!, runId);
            });
            await copyFencedRows(locking, staged!, fence, async (table) => {
              // Each transaction's pages go from the WAL into the file now, on this thread: the
              // import's connection never checkpoints on commit (db/sqlite-connection.ts), so the
              // next API write's commit would otherwise copy them, on the API thread (100,000
              // rows: API writes waited up to 1.1 s, its event loop blocked 164 ms).
              await knexOfEm.raw('pragma wal_checkpoint(passive)').connection(connection);
              await input.duringCopy?.(table);
              await step();
            });
            throwIfAborted(signal);
            await locking(async (trx) => {
              await trx('import_run').where({ id: runId }).update({ phase: 'writing' });
              // A write saved since the references were read may contradict the plan: start over.
              if (!sameVersion(readAt, await versionIn(trx))) throw new DataChanged();
              await em.fork().transactional(
                async (tx) => {
                  await publishFenced(sqlOf(tx), staged!, fence!);
                  report.applied = true;
                  await finish(
                    { status: 'succeeded', message, rowsDone: read, appliedSha256: report.sha256 },
                    tx,
                  );
                  if (input.beforeCommit) await input.beforeCommit(tx, report);
                },
                { ctx: trx },
              );
            });
            fence = null;
          } catch (error) {
            // Nothing of this import may stay: its fenced rows go, in short transactions too.
            if (fence) await removeFencedRows(onConnection, fence.runId).catch(() => undefined);
            throw error;
          }
        } finally {
          await knexOfEm
            .raw('pragma foreign_keys = on')
            .connection(connection)
            .catch(() => undefined);
          if (staged) await dropStaged(knexOfEm, staged, connection).catch(() => undefined);
          await knexOfEm.client.releaseConnection(connection);
        }
        input.onPhase?.('locked', lockedMs);
      } catch (error) {
        report.applied = false;
        const again = error instanceof DataChanged;
        if (again && mayStartOver) throw error;
        if (!again && !signal.aborted && (await wasApplied(em, report.sha256)))
          return alreadyImported();
        const busy = error instanceof FenceBusy;
        if (!again && !busy && !isUniqueViolation(error)) throw error;
        // Nothing was written: the run says why, and the caller gets the report (not an error).
        report.created = zeroCounts();
        report.reused = zeroCounts();
        await keepProblems();
        await finish({
          status: 'failed',
          message: again
            ? `Failed: other changes were saved while this file was being imported, ${STAGED_ATTEMPTS} times; nothing was written. Import the file again.`
            : busy
              ? `Failed: another import (run ${(error as FenceBusy).runId}) was writing its rows; nothing was written. Import the file again when it has finished.`
              : `Failed: a record of this file was saved meanwhile by another write (${(error as Error).message}); nothing was written. Import the file again.`,
          rowsDone: read,
        });
        return report;
      }
      // Published. What follows cannot undo it, so a failure here does not fail the import: a
      // search backlog left open is closed by the next import or start (search-backlog.ts), and
      // the next checkpoint copies what this one did not.
      phase('commit');
      // The copy's pages go from the WAL into the database file now, on this thread, and so do
      // those of each transaction of search entries: a PASSIVE checkpoint takes no write lock
      // (other writers go on meanwhile). Left for later, the next commit of an API write would
      // run it (its connection checkpoints once the WAL holds 1,000 pages), on the API thread:
      // 100,000 rows, an API write every 100 ms: its event loop blocked 141–288 ms at a time.
      const checkpoint = () =>
        sqlOf(em)
          .raw('pragma wal_checkpoint(passive)')
          .catch(() => undefined);
      await checkpoint();
      await input.afterCopy?.();
      // The search entries of the rows copied, in short transactions (search-backlog.ts); until
      // then a search reads those rows with LIKE. An abort cuts it short.
      await catchUpSearch(sqlOf(em), () => signal.aborted, checkpoint).catch(() => undefined);
      phase('search');
      await keepProblems();
      return report;
    }

    let refused = false;
    try {
      await em.fork().transactional(async (tx) => {
        // A write first: on SQLite this takes the write lock (waiting up to busy_timeout for
        // another connection's write) before the reads below. Reading first would pin a snapshot,
        // and a write committed meanwhile by another connection (the API's) would then fail the
        // upgrade to a write with SQLITE_BUSY at once, busy_timeout notwithstanding.
        await sqlOf(tx)('import_run').where({ id: runId }).update({ phase: 'writing' });
        const plan = await planFor(tx);
        if (!plan) {
          refused = true;
          throw new Rollback();
        }
        const message = describe(plan);
        await writePlan(sqlOf(tx), plan, async () => {
          throwIfAborted(signal);
          await nextTurn();
        });
        throwIfAborted(signal);
        phase('write');
        report.applied = true;
        await finish(
          { status: 'succeeded', message, rowsDone: read, appliedSha256: report.sha256 },
          tx,
        );
        if (input.beforeCommit) await input.beforeCommit(tx, report);
      });
      phase('commit');
    } catch (error) {
      report.applied = false;
      // The unique applied_sha256: another process committed the same file meanwhile.
      if (!(error instanceof Rollback) && !signal.aborted && (await wasApplied(em, report.sha256)))
        return alreadyImported();
      if (!(error instanceof Rollback)) throw error;
    }
    await keepProblems();
    if (refused) {
      report.created = zeroCounts();
      report.reused = zeroCounts();
      await finish({ status: 'failed', message: rejectedMessage(), rowsDone: read });
      return report;
    }
    return report;
  } catch (error) {
    if (error instanceof DataChanged) throw error;
    report.applied = false;
    const aborted = error instanceof ImportAborted || signal.aborted;
    const message = aborted
      ? `Aborted: ${signal.reason instanceof Error ? signal.reason.message : 'stopped'}; nothing was written.`
      : `Failed: ${(error as Error).message}; nothing was written.`;
    await finish({ status: aborted ? 'aborted' : 'failed', message }).catch(() => undefined);
    if (aborted) return report;
    throw error;
  }
}

async function refuseFile(
  report: ImportReport,
  error: ImportFileError,
  finish: (outcome: Omit<RunOutcome, 'summary'>) => Promise<void>,
): Promise<ImportReport> {
  report.fileErrors = error.issues;
  await finish({
    status: 'failed',
    message: `File rejected: ${error.message} Nothing was written.`,
  });
  return report;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted)
    throw signal.reason instanceof ImportAborted ? signal.reason : new ImportAborted('aborted');
}

const bytesOf = (content: Buffer | string): Buffer =>
  typeof content === 'string' ? Buffer.from(content, 'utf8') : content;

/** The hash of the file's bytes (a string is hashed as its UTF-8 bytes, without a copy). */
const sha256Of = (content: Buffer | string): string =>
  createHash('sha256').update(content).digest('hex');

/** Rows of a CSV file from its line count (a workbook's are known once it is read). */
const estimateOf = (input: ImportInput): number =>
  input.format === 'xlsx' ? 0 : Math.max(0, countLines(input.content) - 1);

function countLines(content: Buffer | string): number {
  const newline = typeof content === 'string' ? '\n' : 10;
  let lines = 0;
  let index = -1;
  while ((index = content.indexOf(newline as never, index + 1)) !== -1) lines += 1;
  const last =
    typeof content === 'string' ? content.charCodeAt(content.length - 1) : content.at(-1);
  return lines + (content.length && last !== 10 ? 1 : 0);
}

function pickUnit(
  unitByName: Map<string, AdminUnit[]>,
  row: Omit<UnitRow, 'unitId'>,
  normalize: (text: string) => string,
) {
  if (!row.districtName) return null;
  const candidates = unitByName.get(normalize(row.districtName)) ?? [];
  const on = row.date?.date;
  const inForce = on
    ? candidates.find((u) => (!u.validFrom || u.validFrom <= on) && (!u.validTo || on <= u.validTo))
    : undefined;
  return inForce ?? candidates[0] ?? null;
}

function countTotals(report: ImportReport, problems: ProblemRow[]): void {
  const rejected = problems.filter((p) => p.status === 'rejected').length;
  const flagged = problems.length - rejected;
  report.totals = {
    rows: report.totals.rows,
    accepted: report.totals.rows - problems.length,
    flagged,
    rejected,
  };
}

/** Adds the problems found against the database to the rows' reports (rejections first). */
function mergePlanProblems(
  problems: ProblemRow[],
  byLine: Map<number, ProblemRow>,
  found: PlanProblems,
): void {
  let added = false;
  for (const [line, { productName, issues }] of found) {
    const rejects = issues.some((i) => i.rejects);
    const plain = issues.map(({ field, code, message }) => ({ field, code, message }));
    const existing = byLine.get(line);
    if (existing) {
      existing.issues = rejects ? [...plain, ...existing.issues] : [...existing.issues, ...plain];
      if (rejects) existing.status = 'rejected';
      continue;
    }
    const row: ProblemRow = {
      line,
      status: rejects ? 'rejected' : 'flagged',
      productName,
      issues: plain,
    };
    byLine.set(line, row);
    problems.push(row);
    added = true;
  }
  if (added) problems.sort((a, b) => a.line - b.line);
}

function summaryOf(report: ImportReport): Record<string, unknown> {
  return {
    dryRun: report.dryRun,
    applied: report.applied,
    noChanges: report.noChanges,
    totals: report.totals,
    created: report.created,
    reused: report.reused,
    problemRows: report.problemRows,
    fileErrors: report.fileErrors,
  };
}
