// The read-then-compute flow of the overview and of the trend, the same wherever the facts are
// read (the worker's own connection, or the main thread's inside a transaction): ask which
// segments' partials are kept, read the facts of the segments changed since
// (plan-facts.query.ts), compute; if partials the statement relied on are gone meanwhile (another
// computation replaced them, or the worker restarted), read every fact once more — one more
// statement, only then — and compute again, which cannot ask to retry (plan-progress-segments.ts).
import type { KnownSegments, SegmentState } from './plan-facts.query.js';
import type { FactFields } from './plan-facts.columns.js';
import type { KnownReply } from './plan-progress-segments.js';

export interface SegmentedRead {
  fields: FactFields;
  segments: SegmentState;
}

const NOTHING_KNOWN: KnownSegments = { epoch: null, versions: new Map() };

export async function readThenCompute<A>(
  known: KnownReply,
  select: (known: KnownSegments) => Promise<SegmentedRead>,
  compute: (read: SegmentedRead) => Promise<A | 'retry'> | A | 'retry',
): Promise<A> {
  const first = await compute(
    await select({ epoch: known.epoch, versions: new Map(known.versions) }),
  );
  if (first !== 'retry') return first;
  // Every fact is read: the computation counts them all.
  return (await compute(await select(NOTHING_KNOWN))) as A;
}
