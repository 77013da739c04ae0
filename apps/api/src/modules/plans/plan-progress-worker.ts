// The plan-progress worker thread (plan-progress-thread.ts starts it): reads a plan's facts on its
// own connection (plan-facts.worker-db.ts), turns them into the domain's PlanFacts and computes
// every target's progress with @ocop/domain, off the main thread, so the HTTP server keeps
// answering (/healthz, cached figures) while a plan of 100,000 products is read and computed; it
// keeps each fact segment's partial figures between jobs (plan-progress-segments.ts). Facts read
// by the main thread (inside a transaction) are computed here as well ('segmented', 'trend'), and
// on SQLite, whose driver is synchronous, long read-only statements of other features run here
// ('rows-read': stats; modules/plans/worker-reads.ts).
import { parentPort } from 'node:worker_threads';
import type { OrmSettings } from '../../db/orm.js';
import { selectSegmentFactFields, type FactQuery } from './plan-facts.query.js';
import { capturing, workerEm, type RanStatement } from './plan-facts.worker-db.js';
import { readThenCompute } from './plan-progress-read.js';
import {
  beforeStatementFor,
  computeSegmentedJob,
  computeSegmentedTrend,
  makeRoomFor,
  settleIdle,
  knownSegments,
  segmentedTrend,
  trendPointKey,
  type KnownReply,
  type SegmentedAnswer,
  type SegmentedJob,
} from './plan-progress-segments.js';
import { computeTrendJob, type TrendJob, type TrendOutcome } from './plan-trend-job.js';

export type { ProgressOutcome } from './plan-progress-outcome.js';

/** A job whose facts the worker reads itself: the database and the selection. */
export interface ReadHere {
  settings: OrmSettings;
  selection: FactQuery;
}

/**
 * What the worker is asked: the partials it keeps, every target's progress, or their trend (over
 * facts it is sent, or reads itself: `-read`), or the rows of a read-only statement.
 */
export type WorkerMessage =
  | { kind: 'known'; id: number; key: string }
  | ({ kind: 'segmented'; id: number } & SegmentedJob)
  | ({ kind: 'trend'; id: number } & TrendJob)
  | ({ kind: 'segmented-read'; id: number } & ReadHere & Omit<SegmentedJob, 'fields' | 'segments'>)
  | ({ kind: 'trend-read'; id: number } & ReadHere & Omit<TrendJob, 'fields'>)
  | { kind: 'rows-read'; id: number; settings: OrmSettings; statement: SqlStatement };

/** A read-only statement and its bindings (`?` placeholders). */
export interface SqlStatement {
  sql: string;
  bindings: readonly unknown[];
}

type ReadMessage = Extract<WorkerMessage, { kind: `${string}-read` }>;

export interface ProgressReply {
  id: number;
  /** kind 'segmented': every target's progress, and the figures when asked. */
  answer?: SegmentedAnswer;
  /** The job failed: its error's message… */
  failure?: string;
  /** …and code (a driver's: storage-errors.ts recognises the database's failures by it). */
  failureCode?: string;
  /** `-read` kinds: the statements the worker ran, for the main thread's log. */
  statements?: RanStatement[];
  /** kind 'known': the segment versions whose partials are kept. */
  known?: KnownReply;
  /** kind 'segmented': partials the statement relied on are gone; read every fact again. */
  retry?: boolean;
  /** kind 'trend': each point's outcomes, target by target. */
  trend?: TrendOutcome[][];
  /** kind 'rows-read': the statement's rows. */
  rows?: unknown[];
}

/** The reply to one message (exported for tests, which run it without a thread). */
export function answer(message: Exclude<WorkerMessage, ReadMessage>): ProgressReply {
  if (message.kind === 'known') {
    // Asked before a statement of the main thread (a read inside a transaction) and by tests.
    beforeStatementFor(message.key);
    return { id: message.id, known: knownSegments(message.key) };
  }
  if (message.kind === 'trend') {
    // Its facts were read by the main thread: the epoch is not known here.
    settleIdle(null);
    makeRoomFor(message.fields);
    return { id: message.id, trend: computeTrendJob(message) };
  }
  const answered = computeSegmentedJob(message);
  if (answered === 'retry') return { id: message.id, retry: true };
  return { id: message.id, answer: message.countedIds ? answered : withoutIds(answered) };
}

/** The answer with each progress's counted ids left empty (SegmentedJob.countedIds false). */
function withoutIds(answered: SegmentedAnswer): SegmentedAnswer {
  const outcomes = answered.outcomes.map((outcome) => {
    if (!('progress' in outcome)) return outcome;
    const { counted: _ids, ...progress } = outcome.progress;
    return { progress: { ...progress, counted: [] } };
  });
  return { ...answered, outcomes };
}

/** The reply to a job whose facts the worker reads on its own connection. */
export async function answerRead(message: ReadMessage): Promise<ProgressReply> {
  const em = await workerEm(message.settings);
  if (message.kind === 'rows-read') {
    beforeStatementFor(null);
    const { sql, bindings } = message.statement;
    const { result: rows, statements } = await capturing(() =>
      em.getConnection().execute<unknown[]>(sql, [...bindings], 'all'),
    );
    return { id: message.id, rows, statements };
  }
  if (message.kind === 'trend-read') {
    // A yearly plan's points keep their partials: after a write only the changed segments are
    // read (plan-progress-segments.ts); a longer trend reads every fact each time.
    const { selection, points, period } = message;
    const firstKey = segmentedTrend(points) ? trendPointKey(period, points[0]!) : null;
    beforeStatementFor(firstKey);
    const known = firstKey ? knownSegments(firstKey) : { epoch: null, versions: [] };
    const { result: trend, statements } = await capturing(() =>
      readThenCompute(
        known,
        (segments) => selectSegmentFactFields(em, selection, segments),
        (read) => computeSegmentedTrend({ ...message, ...read }),
      ),
    );
    return { id: message.id, trend, statements };
  }
  const job = message;
  beforeStatementFor(job.key);
  const { result: answered, statements } = await capturing(() =>
    readThenCompute(
      knownSegments(job.key),
      (known) => selectSegmentFactFields(em, job.selection, known),
      (read) => computeSegmentedJob({ ...job, ...read }),
    ),
  );
  return { id: job.id, answer: job.countedIds ? answered : withoutIds(answered), statements };
}

const failureOf = (id: number, error: unknown): ProgressReply => {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    id,
    failure: (error as Error)?.message ?? String(error),
    ...(typeof code === 'string' ? { failureCode: code } : {}),
  };
};

/**
 * Reading jobs run one after another: each holds its facts (tens of MB at 100,000 products) only
 * while it runs, and the statements go one by one over the worker's single connection anyway.
 */
let reading: Promise<void> = Promise.resolve();

parentPort?.on('message', (job: WorkerMessage) => {
  if (job.kind === 'segmented-read' || job.kind === 'trend-read' || job.kind === 'rows-read') {
    reading = reading.then(async () => {
      let reply: ProgressReply;
      try {
        reply = await answerRead(job);
      } catch (error) {
        reply = failureOf(job.id, error);
      }
      parentPort!.postMessage(reply);
    });
    return;
  }
  let reply: ProgressReply;
  try {
    reply = answer(job);
  } catch (error) {
    reply = failureOf(job.id, error);
  }
  parentPort!.postMessage(reply);
});
