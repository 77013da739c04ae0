// The plan-progress worker thread (plan-progress-thread.ts starts it): turns a plan's selected
// facts into the domain's PlanFacts and computes every target's progress with @ocop/domain, off
// the main thread, so the HTTP server keeps answering (/healthz, cached figures) while a plan of
// 100,000 products is computed; it keeps each fact segment's partial figures between jobs
// (plan-progress-segments.ts). Pure computation: no database, no ORM.
import { parentPort } from 'node:worker_threads';
import {
  computeSegmentedJob,
  flushPending,
  makeRoomFor,
  knownSegments,
  type KnownReply,
  type SegmentedAnswer,
  type SegmentedJob,
} from './plan-progress-segments.js';
import { computeTrendJob, type TrendJob, type TrendOutcome } from './plan-trend-job.js';

export type { ProgressOutcome } from './plan-progress-outcome.js';

/** What the worker is asked: the partials it keeps, every target's progress, or their trend. */
export type WorkerMessage =
  | { kind: 'known'; id: number; key: string }
  | ({ kind: 'segmented'; id: number } & SegmentedJob)
  | ({ kind: 'trend'; id: number } & TrendJob);

export interface ProgressReply {
  id: number;
  /** kind 'segmented': every target's progress, and the figures when asked. */
  answer?: SegmentedAnswer;
  /** The facts could not be read at all. */
  failure?: string;
  /** kind 'known': the segment versions whose partials are kept. */
  known?: KnownReply;
  /** kind 'segmented': partials the statement relied on are gone; read every fact again. */
  retry?: boolean;
  /** kind 'trend': each point's outcomes, target by target. */
  trend?: TrendOutcome[][];
}

/** The reply to one message (exported for tests, which run it without a thread). */
export function answer(message: WorkerMessage): ProgressReply {
  if (message.kind === 'known') return { id: message.id, known: knownSegments(message.key) };
  if (message.kind === 'trend') {
    flushPending();
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

parentPort?.on('message', (job: WorkerMessage) => {
  let reply: ProgressReply;
  try {
    reply = answer(job);
  } catch (error) {
    reply = { id: job.id, failure: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
