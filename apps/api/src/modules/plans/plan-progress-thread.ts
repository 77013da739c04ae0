// Runs plan-progress jobs in one worker thread per process (plan-progress-worker.ts), started on
// first use and referenced only while a job is pending: an idle worker never keeps the process
// alive, and a job's caller is not left behind by a process that ends while it waits. The worker
// reads the facts too, on its own connection (the `Read` jobs; plan-facts.worker-db.ts): at
// 100,000 products the statement's text and the computation take hundreds of milliseconds, which
// on the main thread would hold every other request — /healthz included — for as long (issue 10).
// Inside a transaction the main thread reads them (one statement) and hands their field strings
// over.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError, type DomainErrorCode } from '@ocop/domain';
import type { OrmSettings } from '../../db/orm.js';
import type { FactQuery } from './plan-facts.query.js';
import type { RanStatement } from './plan-facts.worker-db.js';
import type { KnownReply, SegmentedAnswer, SegmentedJob } from './plan-progress-segments.js';
import type {
  ProgressOutcome,
  ProgressReply,
  SqlStatement,
  WorkerMessage,
} from './plan-progress-worker.js';
import type { TrendJob, TrendOutcome } from './plan-trend-job.js';

type Pending = { resolve: (reply: ProgressReply) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/**
 * The worker's V8 heap limits. A yearly plan's job at 100,000 products keeps under 48 MB live (the
 * facts' strings, their objects and indexes), the 2021–2025 programme's about twice that, beside
 * the segment stores (estimated at up to 144 MiB; before a job reading every fact, stores are
 * dropped until both fit in 200 MiB: plan-progress-segments.ts). At 192 MB, the programme page
 * after the overview's trends ran out of memory. Without limits V8 let the worker's heap grow to
 * 170 MB of mostly garbage between collections, and the process's RSS with it (issue 10: RSS under
 * 400 MiB). A job that needed more would fail its request with the worker's out-of-memory error,
 * and the next job starts a new worker.
 */
const PROGRESS_WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 };

/**
 * Built code (dist/) starts plan-progress-worker.js directly. From the TypeScript sources (tsx,
 * vitest, the benchmarks) the worker first registers tsx's loader in its own thread, as the
 * import worker does (modules/imports/import-thread.ts).
 */
function startWorker(): Worker {
  const here = import.meta.url;
  const options = { resourceLimits: PROGRESS_WORKER_LIMITS };
  if (!here.endsWith('.ts')) return new Worker(new URL('./plan-progress-worker.js', here), options);
  const tsxApi = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./plan-progress-worker.ts', here).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

function failAll(error: Error): void {
  for (const job of pending.values()) job.reject(error);
  pending.clear();
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const started = startWorker();
  started.on('message', (reply: ProgressReply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if (pending.size === 0) started.unref();
    if (
      reply.failure !== undefined ||
      (!reply.answer && !reply.known && !reply.retry && !reply.trend && !reply.rows)
    ) {
      const error = new Error(`plan progress: ${reply.failure ?? 'no answer'}`);
      // The driver's code, so a database failure is answered as one (db/storage-errors.ts).
      if (reply.failureCode) Object.assign(error, { code: reply.failureCode });
      job.reject(error);
    } else job.resolve(reply);
  });
  started.on('error', (error) => {
    worker = null;
    failAll(error);
  });
  started.on('exit', (code) => {
    worker = null;
    failAll(new Error(`plan progress worker exited with code ${code}`));
  });
  worker = started;
  return started;
}

type Unsent<M> = M extends unknown ? Omit<M, 'id'> : never;

/** Jobs asked of the worker so far, by kind (tests check which work went there). */
export const askedOfWorker = new Map<WorkerMessage['kind'], number>();

function ask(message: Unsent<WorkerMessage>): Promise<ProgressReply> {
  const id = nextId++;
  askedOfWorker.set(message.kind, (askedOfWorker.get(message.kind) ?? 0) + 1);
  return new Promise((resolve, reject) => {
    const thread = ensureWorker();
    pending.set(id, { resolve, reject });
    // Referenced while a job is pending, unreferenced when the last reply comes (above). Set
    // after the 'message' listener, which refs the worker's port when it is attached.
    thread.ref();
    thread.postMessage({ ...message, id } as WorkerMessage);
  });
}

/** The segment partials the worker keeps for a store key (plan-progress-segments.ts). */
export async function knownSegmentsInThread(key: string): Promise<KnownReply> {
  return (await ask({ kind: 'known', key })).known!;
}

/** Progress by segment in the worker; 'retry' when partials it relied on are gone. */
export async function computeSegmentedInThread(
  job: SegmentedJob,
): Promise<SegmentedAnswer | 'retry'> {
  const reply = await ask({ kind: 'segmented', ...job });
  return reply.retry ? 'retry' : reply.answer!;
}

/** The statements a job's facts took, when the worker read them (the caller logs them). */
export interface WithStatements<T> {
  result: T;
  statements: RanStatement[];
}

/** Every target's progress, the facts read and computed in the worker (plan-progress-read.ts). */
export async function computeSegmentedReadInThread(
  settings: OrmSettings,
  selection: Omit<FactQuery, 'unitCode'>,
  job: Omit<SegmentedJob, 'fields' | 'segments'>,
): Promise<WithStatements<SegmentedAnswer>> {
  const reply = await ask({ kind: 'segmented-read', settings, selection, ...job });
  return { result: reply.answer!, statements: reply.statements ?? [] };
}

/** The trend's outcomes, the facts read and computed in the worker. */
export async function computeTrendReadInThread(
  settings: OrmSettings,
  selection: FactQuery,
  job: Omit<TrendJob, 'fields'>,
): Promise<WithStatements<TrendOutcome[][]>> {
  const reply = await ask({ kind: 'trend-read', settings, selection, ...job });
  return { result: reply.trend!, statements: reply.statements ?? [] };
}

/** The rows of a read-only statement, run by the worker on its own connection. */
export async function readRowsInThread<R>(
  settings: OrmSettings,
  statement: SqlStatement,
): Promise<WithStatements<R[]>> {
  const reply = await ask({ kind: 'rows-read', settings, statement });
  return { result: reply.rows as R[], statements: reply.statements ?? [] };
}

/** The trend's outcomes computed in the worker (plan-trend-job.ts). */
export async function computeTrendInThread(job: TrendJob): Promise<TrendOutcome[][]> {
  return (await ask({ kind: 'trend', ...job })).trend!;
}

/** A target's outcome as its progress, or the error the domain raised (a DomainError again). */
export function progressOrThrow<P>(outcome: ProgressOutcome<P> | undefined): P {
  if (!outcome) throw new Error('plan progress: no outcome for the target');
  if ('progress' in outcome) return outcome.progress;
  const { error } = outcome;
  if (error.domain)
    throw new DomainError(
      error.code as DomainErrorCode,
      error.message,
      (error.params ?? {}) as ConstructorParameters<typeof DomainError>[2],
    );
  throw new Error(error.message);
}

/** A counting semaphore: `run` starts its task when fewer than `size` are running. */
export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.size) this.running += 1;
    // A finished task hands its slot straight to the first waiter (running stays the same).
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
