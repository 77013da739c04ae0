// Runs an upload's import off the API's event loop (issue 11 point 1): this thread records the run
// (import_run, `running`), then the import worker thread (import-worker.ts), which has its own
// connection to the database, reads, checks and writes the file and posts the report back, so
// parsing, validation and the driver's synchronous SQLite calls never hold up other requests.
// One worker per database, started by the first import and kept while imports come (loading the
// ORM and the importer takes seconds); idle, it lets the process exit and stops after IDLE_MS.
// Abort (shutdown) is forwarded to the worker, which rolls back and records the run as aborted; a
// worker that dies leaves each of its runs recorded as failed (aborted during a shutdown) by this
// thread, and the next import starts a new one.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { databaseKind } from '../../config.js';
import { ormSettingsOf, type OrmSettings } from '../../db/orm.js';
import {
  beginImport,
  importDecisionList,
  type ImportInput,
  type ImportReport,
  type StartedImport,
} from './decision-list-importer.js';
import { auditAbortedImport, auditImport, type ImportAudit } from './import-audit.js';
import { endRunningImportRun, registerRunningImport } from './import.service.js';

/** An idle worker stops after this long without imports. */
const IDLE_MS = 10 * 60_000;
/** How long a closing worker may take to finish (abort, roll back, close its connection). */
const CLOSE_GRACE_MS = 10_000;

/**
 * Stops a worker by asking it to close: it aborts its imports, closes its connection and ends.
 * Not `terminate()` first: terminating a thread while libSQL's native code runs in it aborts the
 * whole process (a panic in the native binding), so terminate is only the last resort.
 */
async function closeWorker(entry: ImportWorker): Promise<void> {
  const exited = new Promise<void>((resolve) => entry.worker.once('exit', () => resolve()));
  entry.worker.postMessage({ type: 'close' } satisfies ToWorker);
  const timer = setTimeout(() => void entry.worker.terminate(), CLOSE_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

type Phase = Parameters<NonNullable<ImportInput['onPhase']>>[0];

export interface ThreadImportInput {
  fileName: string;
  content: Buffer | string;
  /** `xlsx`: a workbook, turned into CSV in the worker (decision-list-importer.ts). */
  format?: 'csv' | 'xlsx';
  dryRun?: boolean;
  skipRejected?: boolean;
  requestId?: string;
  today?: string;
  /** Written with a real import's changes (the mutation's audit record). */
  audit?: ImportAudit;
  onPhase?: ImportInput['onPhase'];
}

/** One import for the worker (structured-cloned; the file's bytes are transferred, not copied). */
export interface WorkerJob {
  started: StartedImport;
  input: {
    fileName: string;
    content: Uint8Array;
    format?: 'csv' | 'xlsx';
    dryRun?: boolean;
    skipRejected?: boolean;
    requestId?: string;
    today?: string;
  };
  audit: ImportAudit | null;
  reportPhases: boolean;
}

export type ToWorker =
  | { type: 'job'; job: WorkerJob }
  | { type: 'abort'; runId: number; reason: string }
  | { type: 'close' };
export type ToHost =
  | { type: 'done'; runId: number; report: ImportReport }
  | { type: 'failed'; runId: number; message: string }
  | { type: 'phase'; runId: number; phase: Phase; ms: number };

interface PendingJob {
  em: EntityManager;
  started: StartedImport;
  signal: AbortSignal;
  onPhase?: ImportInput['onPhase'];
  settle: (outcome: { report: ImportReport } | { failure: string }) => void;
}

interface ImportWorker {
  worker: Worker;
  jobs: Map<number, PendingJob>;
  idle: NodeJS.Timeout | null;
}

const workers = new Map<OrmSettings, ImportWorker>();

/**
 * Imports a decision list in the import worker and resolves with its report once it has finished,
 * like importDecisionList (which it falls back to when `em`'s ORM was not opened by createOrm).
 */
export async function importInWorker(
  em: EntityManager,
  input: ThreadImportInput,
): Promise<ImportReport> {
  const { audit, ...rest } = input;
  const settings = ormSettingsOf(em);
  if (!settings) {
    const beforeCommit = audit
      ? (tx: EntityManager, r: ImportReport) => auditImport(tx, audit, r)
      : undefined;
    const report = await importDecisionList(em, { ...rest, beforeCommit });
    // auditAbortedImport reads the run and writes only for one that ended aborted.
    if (audit && !report.dryRun && !report.applied && report.runId !== null)
      await auditAbortedImport(em, audit, report.runId).catch(() => undefined);
    return report;
  }
  // The worker hashes the file and counts its lines (it owns the bytes), not this thread.
  const started = await beginImport(em, rest, { deferHash: true });
  const controller = new AbortController();
  const done = runInWorker(em, settings, input, started, controller.signal);
  // This thread owns the run while the worker imports: it writes the run's heartbeat until the
  // job settles (import.service.ts startImportHeartbeat), on its own connection.
  registerRunningImport(em, started.report.runId!, controller, done);
  return done;
}

/** Stops the import worker of `orm`'s database, if any (the app's onClose): its running imports are aborted. */
export async function stopImportWorker(orm: MikroORM): Promise<void> {
  const settings = ormSettingsOf(orm.em);
  const entry = settings && workers.get(settings);
  if (!entry) return;
  workers.delete(settings);
  await closeWorker(entry);
}

function runInWorker(
  em: EntityManager,
  settings: OrmSettings,
  input: ThreadImportInput,
  started: StartedImport,
  signal: AbortSignal,
): Promise<ImportReport> {
  const runId = started.report.runId!;
  const content = ownedBytes(input.content);
  const job: WorkerJob = {
    started,
    input: {
      fileName: input.fileName,
      content,
      format: input.format,
      dryRun: input.dryRun,
      skipRejected: input.skipRejected,
      requestId: input.requestId,
      today: input.today,
    },
    audit: input.audit ?? null,
    reportPhases: Boolean(input.onPhase),
  };
  return new Promise<ImportReport>((resolve, reject) => {
    const entry = workerFor(settings);
    const onAbort = () => {
      const reason = signal.reason instanceof Error ? signal.reason.message : 'stopped';
      entry.worker.postMessage({ type: 'abort', runId, reason } satisfies ToWorker);
    };
    // A real import aborted through `signal` (the only way a run in the worker is aborted) gets its
    // audit record before it counts as done (a shutdown waits for that, then closes the pools).
    // Dry runs and every other outcome read nothing more here.
    const auditAbort = () =>
      input.audit && !input.dryRun && signal.aborted
        ? auditAbortedImport(em, input.audit, runId).catch(() => undefined)
        : Promise.resolve();
    const settle: PendingJob['settle'] = (outcome) => {
      signal.removeEventListener('abort', onAbort);
      if ('report' in outcome) {
        if (outcome.report.applied) resolve(outcome.report);
        else void auditAbort().then(() => resolve(outcome.report));
        return;
      }
      // The worker died before reporting: record the run here (unless it recorded its end).
      const aborted = signal.aborted;
      const message = aborted
        ? `Aborted: ${signal.reason instanceof Error ? signal.reason.message : 'stopped'}; nothing was written.`
        : `Failed: ${outcome.failure}; nothing was written.`;
      void endRunningImportRun(em, runId, aborted ? 'aborted' : 'failed', message)
        .catch(() => undefined)
        .then(auditAbort)
        .then(() => {
          if (aborted) resolve({ ...started.report, applied: false, message });
          else reject(new Error(`Import failed: ${outcome.failure}`));
        });
    };
    entry.jobs.set(runId, { em, started, signal, onPhase: input.onPhase, settle });
    busy(entry);
    signal.addEventListener('abort', onAbort, { once: true });
    entry.worker.postMessage({ type: 'job', job } satisfies ToWorker, [
      content.buffer as ArrayBuffer,
    ]);
  });
}

/**
 * Bytes the worker may own (they are transferred, not copied): a string's UTF-8 bytes when they
 * fill a buffer of their own (a short string's are in Node's shared pool), otherwise a copy (the
 * caller's Buffer stays the caller's).
 */
function ownedBytes(content: Buffer | string): Uint8Array {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const own =
    typeof content === 'string' &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength;
  return own ? new Uint8Array(bytes.buffer, 0, bytes.byteLength) : new Uint8Array(bytes);
}

function workerFor(settings: OrmSettings): ImportWorker {
  const known = workers.get(settings);
  if (known) return known;
  const entry: ImportWorker = { worker: startWorker(settings), jobs: new Map(), idle: null };
  workers.set(settings, entry);
  let failure: string | undefined;
  entry.worker.on('message', (message: ToHost) => {
    const pending = entry.jobs.get(message.runId);
    if (!pending) return;
    if (message.type === 'phase') {
      pending.onPhase?.(message.phase, message.ms);
      return;
    }
    entry.jobs.delete(message.runId);
    if (message.type === 'done') pending.settle({ report: message.report });
    else {
      // The importer recorded its run as failed and threw: rethrown here, in the API thread.
      pending.settle({ failure: message.message });
    }
    if (entry.jobs.size === 0) idle(entry, settings);
  });
  entry.worker.on('error', (error) => {
    failure ??= `the import worker stopped: ${error.message}`;
  });
  entry.worker.on('exit', (code) => {
    if (workers.get(settings) === entry) workers.delete(settings);
    if (entry.idle) clearTimeout(entry.idle);
    for (const pending of entry.jobs.values())
      pending.settle({ failure: failure ?? `the import worker exited with code ${code}` });
    entry.jobs.clear();
  });
  return entry;
}

/** A worker with imports keeps the process alive; an idle one does not, and stops after IDLE_MS. */
function busy(entry: ImportWorker): void {
  if (entry.idle) clearTimeout(entry.idle);
  entry.idle = null;
  entry.worker.ref();
}

function idle(entry: ImportWorker, settings: OrmSettings): void {
  entry.worker.unref();
  entry.idle = setTimeout(() => {
    if (entry.jobs.size > 0) return;
    workers.delete(settings);
    void closeWorker(entry);
  }, IDLE_MS);
  entry.idle.unref();
}

/**
 * The worker's young generation (V8's default is larger): an import allocates mostly short-lived
 * objects (a row's fields, its checks), and a smaller nursery is collected more often instead of
 * growing the process. bench:import, 100,000 rows, worker started by the import, same session:
 * RSS growth 330 → 299 MiB, 16.5 → 16.8 s.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/** PostgreSQL's default heap limit of the worker (config.ts IMPORT_WORKER_MAX_HEAP_MB). */
const PG_WORKER_HEAP_MB = 384;

/**
 * The worker's heap limit in MB, or undefined for V8's default: on SQLite only when configured
 * (reaching it stops the thread, possibly inside libSQL's native code, see closeWorker).
 */
function workerHeapLimit(settings: OrmSettings): number | undefined {
  const configured = settings.config.IMPORT_WORKER_MAX_HEAP_MB;
  if (configured) return configured;
  const kind = settings.overrides.kind ?? databaseKind(settings.config);
  return kind === 'postgresql' ? PG_WORKER_HEAP_MB : undefined;
}

/**
 * Built code (dist/) starts import-worker.js directly. From the TypeScript sources (tsx in
 * development, vitest, the benchmarks) the worker first registers tsx's loader in its own thread:
 * on Node 20 a worker does not inherit the loader hooks of the thread that starts it.
 */
function startWorker(settings: OrmSettings): Worker {
  const here = import.meta.url;
  const heap = workerHeapLimit(settings);
  const options = {
    workerData: settings,
    resourceLimits: {
      ...(heap ? { maxOldGenerationSizeMb: heap } : {}),
      maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
    },
  };
  if (!here.endsWith('.ts')) return new Worker(new URL('./import-worker.js', here), options);
  // tsx's ESM register API (its "import" build; require.resolve picks the CommonJS one).
  const tsxApi = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./import-worker.ts', here).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
