// Plan progress counted segment by segment, in the plan-progress worker thread. The partial
// figures of every fact segment (modules/data-version/fact-segments.ts) are kept here, per plan
// window, as-of day and set of metrics, under the segment's version. A computation reads only the
// facts of the segments changed since (plan-facts.query.ts), recounts those, and merges every
// segment's partials into the targets' progress with the domain's rules (metric-partials.ts): at
// 100,000 products a write touches one segment of a few hundred products, and the figures after
// it no longer cost a count of every fact. The figures asked besides the targets (the districts'
// columns: plan-progress-figures.ts) are counted the same way. Pure computation: no database, no
// ORM (the worker reads the facts before it calls this: plan-progress-read.ts).
import {
  computeTargetProgress,
  getMetric,
  MetricMerger,
  NO_DATA_SOURCE_METRIC,
  noDataSourceProgress,
  partitionFacts,
  progressOfOutcome,
  parseIsoDate,
  type MetricName,
  type MetricOutcome,
  type MetricPartial,
  type PlanFacts,
  type PlanPeriod,
  type PlanTarget,
  type UnitFact,
} from '@ocop/domain';
import {
  directFigures,
  figureKeys,
  figurePartials,
  mergedFigures,
  metricOfKey,
  NO_FIGURES,
  type FigureRequest,
  type FigureSet,
  type JobFigures,
} from './plan-progress-figures.js';
import { entitySegment, loneProductSegment } from '../data-version/fact-segments.js';
import { factsOfFields, type FactFields } from './plan-facts.columns.js';
import type { SegmentState } from './plan-facts.query.js';
import { errorOutcome, type ProgressOutcome } from './plan-progress-outcome.js';
import type { SegmentedRead } from './plan-progress-read.js';
import {
  trendOutcomeOf,
  trendOutcomes,
  type TrendOutcome,
  type TrendPoint,
} from './plan-trend-job.js';

/** What the caller holds for a store key: the epoch and the newest version of each segment. */
export interface KnownReply {
  epoch: number | null;
  versions: [number, number][];
}

export interface SegmentedJob {
  /** Plan window, as-of day and metrics (storeKeyOf): the partials depend on nothing else. */
  key: string;
  fields: FactFields;
  segments: SegmentState;
  units: UnitFact[];
  targets: PlanTarget[];
  /** Figures counted besides the targets' metrics (part of the store key). */
  figures: FigureRequest;
  /** Whether the reply carries those figures (else only the targets' progress). */
  answerFigures: boolean;
  /**
   * Whether each target's progress keeps the ids it counted (`counted`). Only the API's
   * `countedIds` shows them: at 100,000 products a 2021 plan's targets list about 72,000 ids,
   * whose copy back to the main thread and into the figure cache took about as long as the
   * recount after a write (plan-progress-worker.ts leaves them out of the reply otherwise).
   */
  countedIds: boolean;
  period: PlanPeriod;
  asOf: string;
  /** A trend point's (pointJob): its store is dropped before a plan's (firstToDrop). */
  trendPoint?: boolean;
}

/** A job's answer: every target's progress, in order, and the figures when asked. */
export interface SegmentedAnswer {
  outcomes: ProgressOutcome[];
  figures?: JobFigures;
  /** The figures could not be counted (an invalid as-of day): the error, as a target's. */
  figuresError?: ProgressOutcome;
}

/** A segment's partials by figure key (plan-progress-figures.ts); null: no facts in the window. */
type Partials = Map<string, MetricPartial> | null;

interface Store {
  epoch: number;
  /** The metrics merged over every segment, and the segment versions they reflect. */
  merged: { mergers: Map<string, MetricMerger<number>>; versions: Map<number, number> } | null;
  /** Per segment, its partials by version: the newest two (a computation started before a
   *  write may still need the version it read). */
  segments: Map<number, Map<number, Partials>>;
  /** Ids the kept partials list (weightOf): what the store's size is estimated from. */
  ids: number;
  /** A trend point's store (SegmentedJob.trendPoint). */
  trendPoint: boolean;
}

/**
 * Kept stores (window × as-of day × figures); a trend point's goes first (firstToDrop), else the
 * least recently used, also while the stores' estimated size is above STORE_BUDGET_BYTES. The size
 * is estimated from the ids their partials list (a store's merges hold about as many again): the
 * heap's used size, read right after a cold computation, is mostly that computation's garbage,
 * and evicting by it emptied the stores while the programme page asked six plans in turn, so each
 * of them was counted cold after every write (5–6 s at 100,000 products). One store of a yearly
 * plan at 100,000 products holds about 11 MiB (bench/profile-segments.ts), the six plans of the
 * programme page an estimated 78 MiB, the twelve points of the overview's trend about 40 MiB
 * (932,000 ids, estimated at 53 MiB): they all fit, and past that trend points go first. A cold
 * computation needs up to about 100 MB more for a moment, within the worker's old generation
 * (plan-progress-thread.ts).
 */
export const MAX_STORES = 24;
const STORE_BUDGET_BYTES = 144 * 2 ** 20;
/** Heap per listed id, partials and merges together (measured: bench/profile-segments.ts). */
export const BYTES_PER_KEPT_ID = 60;

/**
 * The heap a job reading every fact may need while it runs, per character of its facts' fields:
 * the fields, their PlanFacts (2.1 bytes a character at 100,000 products), the index, and the
 * segments' parts and partials built after the answer. Before such a job, stores are dropped
 * (firstToDrop) until they and the job fit in JOB_HEAP_BUDGET_BYTES, within the
 * worker's old generation (plan-progress-thread.ts): at 100,000 products the six plans' stores
 * (about 78 MiB) and the 2021–2025 programme's cold job (14.5 million characters) together
 * exhausted a 192 MB heap.
 */
const JOB_BYTES_PER_CHARACTER = 8;
const JOB_HEAP_BUDGET_BYTES = 200 * 2 ** 20;

/** Drops stores until they and a job reading `fields` fit the worker's heap. */
export function makeRoomFor(fields: FactFields): void {
  // Partials not kept yet are given up (a plan's of this epoch were finished before: settleIdle):
  // their facts would share the heap with this job's.
  idle = null;
  let characters = 0;
  for (const value of Object.values(fields)) characters += value?.length ?? 0;
  const needed = characters * JOB_BYTES_PER_CHARACTER;
  while (stores.size > 0 && storesBytes() + needed > JOB_HEAP_BUDGET_BYTES)
    stores.delete(firstToDrop());
}
const stores = new Map<string, Store>();

/**
 * The store to drop first: the least recently used of a trend's points, else the least recently
 * used. Without a trend point's store the trend is counted over every fact again (as before the
 * points kept partials); without a plan's, its overview or the programme page is.
 */
function firstToDrop(): string {
  for (const [key, store] of stores) if (store.trendPoint) return key;
  return stores.keys().next().value!;
}

/**
 * Drops the stores of another segments epoch than the one a statement just read: a seed moved it,
 * so their partials can never be merged again (computeSegmentedJob asks for the same epoch). Under
 * `pnpm bench`'s mixed load at 100,000 products, whose data version makes every segment stale
 * every 2 s, stores of past epochs stayed until the budget pushed them out, and the process's RSS
 * peaked at 407 MiB with the trends' point stores among them.
 */
function dropOtherEpochs(epoch: number): void {
  for (const [key, store] of stores) if (store.epoch !== epoch) stores.delete(key);
}

/** The store key of a computation: its window, as-of day and figures. */
export function storeKeyOf(
  period: PlanPeriod,
  asOf: string,
  metrics: readonly string[],
  figures: FigureRequest,
): string {
  const province = [...new Set([...metrics, ...figures.province])].sort().join(',');
  return `${period.start}|${period.end}|${asOf}|${province}|${[...figures.perUnit].sort().join(',')}`;
}

/**
 * Segments recounted per turn of the thread's event loop while a cold plan's partials are kept
 * (at 100,000 products about 400 segments, 0.3 s in all: a few milliseconds a turn).
 */
const KEEP_SEGMENTS_PER_TURN = 32;

/**
 * Partials of a cold computation still to be kept, kept while the thread has nothing else to do:
 * one piece of work per turn of its event loop. A plan's are a partition of its facts by segment,
 * then KEEP_SEGMENTS_PER_TURN segments a turn, then its store; a trend's, one point a turn.
 *
 * Kept at once after the answer, a plan's 0.3 s at 100,000 products held up the next job: its
 * statement could only start once they were done, and when that statement found the epoch moved
 * (every segment stale: a seed, or `pnpm bench`'s "overview, cold") they were thrown away unused —
 * the cold overview took 1.1 s where its statement and count take 0.7 s. Now the statement of the
 * same plan's next job starts at once, told the versions the store will hold (knownSegments): the
 * thread keeps on with the partials while the database works, and they are finished when that job
 * needs them (its segments' epoch is theirs) or given up when it does not (settleIdle). Before
 * any other statement they are finished first (beforeStatementFor). A job that comes meanwhile
 * waits for one piece at most.
 *
 * A trend's points, kept like a plan's once, held every other job back after each cold trend:
 * under `pnpm bench`'s mixed load at 100,000 products, whose data version makes every segment
 * stale every 2 s, the overview's p99 went from 0.7 to 3.6 s, and most of those partials were
 * never used; they are given up before another job that reads every fact.
 */
interface IdleKeeps {
  epoch: number;
  work: (() => void)[];
  /** The stores the work keeps, and the segment versions they will hold (knownSegments). */
  keys: ReadonlySet<string>;
  known: KnownReply;
  /**
   * A plan's: finished before another job of its epoch that reads every fact (the plan is the
   * likeliest to be asked again, and its partials are then about done); a trend's are given up.
   */
  finishFirst: boolean;
}
let idle: IdleKeeps | null = null;
let idleTurnScheduled = false;

function keepWhenIdle(keeps: IdleKeeps): void {
  idle = keeps;
  scheduleIdleTurn();
}

function scheduleIdleTurn(): void {
  if (idleTurnScheduled) return;
  idleTurnScheduled = true;
  // Messages that came meanwhile are delivered before the next turn's immediates run.
  setImmediate(() => {
    idleTurnScheduled = false;
    const keeps = idle;
    keeps?.work.shift()?.();
    if (keeps && idle === keeps) {
      if (keeps.work.length > 0) scheduleIdleTurn();
      else idle = null;
    }
  });
}

/** Whether partials are still to be kept (tests). */
export const keepsPending = (): boolean => idle !== null;

/** Keeps at once what is left to keep (a caller asking what is kept then sees it). */
export function finishIdleKeeps(): void {
  const keeps = idle;
  idle = null;
  // A piece may add pieces (a plan's partition adds its segments' slices): iterated by index.
  for (const work of keeps?.work ?? []) work();
}

/**
 * Before a job that reads every fact (its segments' epoch, or null when the main thread read its
 * facts and the epoch is not known): partials still to be kept are given up, but a plan's of the
 * same epoch, or of an unknown one, are finished first (IdleKeeps.finishFirst).
 */
export function settleIdle(epoch: number | null): void {
  if (idle?.finishFirst && (epoch === null || idle.epoch === epoch)) finishIdleKeeps();
  idle = null;
}

/**
 * Before the worker's statement for a job of store key `key` (null: a statement of another
 * feature, `stats` on SQLite): a plan's partials still to be kept under another key are finished
 * first, as before a statement they cannot spare. Left pending, their facts shared the worker's
 * heap with that statement's rows and the next job's facts: under `pnpm bench`'s mixed load at
 * 100,000 products on SQLite, the process's RSS peaked at 412–416 MiB instead of 389. For the
 * same key they stay pending: that statement tells whether they are still of use.
 */
export function beforeStatementFor(key: string | null): void {
  if (idle?.finishFirst && (key === null || !idle.keys.has(key))) finishIdleKeeps();
}

/** Before a job that reads the segments changed since `key`'s store: its store is finished. */
function finishKeepsOf(key: string, epoch: number): void {
  if (idle && idle.epoch !== epoch) idle = null;
  else if (idle?.keys.has(key)) finishIdleKeeps();
}

/** What knownSegments will say of a store kept from every fact the statement read. */
function knownAfterEverything(segments: SegmentState): KnownReply {
  const versions: [number, number][] = [];
  for (const [segment, version] of segments.versions)
    if (version !== 0) versions.push([segment, version]);
  return { epoch: segments.epoch, versions };
}

export function knownSegments(key: string): KnownReply {
  // A store still being kept: the versions it will hold.
  if (idle?.keys.has(key)) return idle.known;
  const store = stores.get(key);
  if (!store) return { epoch: null, versions: [] };
  const versions: [number, number][] = [];
  for (const [segment, byVersion] of store.segments) {
    const newest = Math.max(...byVersion.keys());
    if (newest !== 0) versions.push([segment, newest]);
  }
  return { epoch: store.epoch, versions };
}

/** The figures a job counts: its targets' metrics and the figures asked. */
function figureSetOf(job: SegmentedJob): FigureSet {
  const province = new Set<MetricName>(job.figures.province);
  for (const target of job.targets) {
    if (target.metric === NO_DATA_SOURCE_METRIC) continue;
    try {
      province.add(getMetric(target.metric).name);
    } catch {
      // The target's own outcome reports UNKNOWN_METRIC (computeSegmentedJob).
    }
  }
  return { province: [...province], perUnit: job.figures.perUnit, units: job.units };
}

/** The ids a segment's partials list (their counted, base and tally lists). */
function weightOf(partials: Partials): number {
  if (!partials) return 0;
  let ids = 0;
  for (const { value, yearOnlyKeys, sampleIds } of partials.values()) {
    ids += yearOnlyKeys.length + sampleIds.length;
    if (value.shape === 'count') ids += value.counted.length;
    else if (value.shape === 'share') ids += value.counted.length + value.base.length;
    else {
      ids += value.unassigned.length;
      for (const unit of value.perUnit) ids += unit.counted.length;
    }
  }
  return ids;
}

function keep(store: Store, segment: number, version: number, partials: Partials): void {
  let byVersion = store.segments.get(segment);
  if (!byVersion) store.segments.set(segment, (byVersion = new Map()));
  store.ids -= weightOf(byVersion.get(version) ?? null);
  byVersion.set(version, partials);
  store.ids += weightOf(partials);
  if (byVersion.size > 2) {
    const oldest = Math.min(...byVersion.keys());
    store.ids -= weightOf(byVersion.get(oldest)!);
    byVersion.delete(oldest);
  }
}

/** The ids the kept stores' partials list (bench/profile-segments.ts relates them to the heap). */
export function keptIds(): number {
  let ids = 0;
  for (const store of stores.values()) ids += store.ids;
  return ids;
}

/** The kept stores' estimated heap. */
const storesBytes = (): number => keptIds() * BYTES_PER_KEPT_ID;

/**
 * Every target's progress, or 'retry' when a segment's partials of the version the statement read
 * are no longer kept (another computation replaced them, or the thread restarted): the caller then
 * reads every fact again.
 */
export function computeSegmentedJob(job: SegmentedJob): SegmentedAnswer | 'retry' {
  const { segments, asOf } = job;
  try {
    parseIsoDate(asOf);
  } catch (error) {
    // As computeTargetProgress: every target fails with the date's error, and so do the figures.
    const outcomes = job.targets.map(() => errorOutcome(error));
    return job.answerFigures ? { outcomes, figuresError: errorOutcome(error) } : { outcomes };
  }
  if (segments.everything) {
    settleIdle(segments.epoch);
    dropOtherEpochs(segments.epoch);
    makeRoomFor(job.fields);
  } else finishKeepsOf(job.key, segments.epoch);
  const facts = factsOfFields(job.fields, job.units);
  const set = figureSetOf(job);
  if (segments.everything) {
    // Every fact was read: the figures are counted over them at once (the fastest way), and the
    // segments' partials are kept after the answer is sent, while the thread is idle.
    keepWhenIdle({
      epoch: segments.epoch,
      work: everySegmentKeeps(job, facts, set),
      keys: new Set([job.key]),
      known: knownAfterEverything(segments),
      finishFirst: true,
    });
    const outcomes = job.targets.map((target) => {
      try {
        return { progress: computeTargetProgress(target, facts, asOf) };
      } catch (error) {
        return errorOutcome(error);
      }
    });
    return job.answerFigures
      ? { outcomes, figures: directFigures(job.figures, facts, job.period, asOf) }
      : { outcomes };
  }
  const store = readyStore(job);
  if (!store) return 'retry';
  const mergers = recountInto(job, store, segmentsOf(facts), set);
  const rest = restOf(job, facts);
  const outcomes = mergedOutcomes(job, mergers, rest);
  return job.answerFigures
    ? { outcomes, figures: mergedFigures(job.figures, mergers, rest, job.period, asOf) }
    : { outcomes };
}

/**
 * Trends of at most this many points (a yearly plan's month ends) keep each point's partials; a
 * longer one (the 2021–2025 programme's 60) is counted over every fact each time, as before: its
 * points' stores would hold about five times the ids of a year's.
 */
export const SEGMENTED_TREND_POINTS = 12;

/** A trend (plan-trend-job.ts) over the facts of the segments changed since its points' stores. */
export interface SegmentedTrendJob extends SegmentedRead {
  units: UnitFact[];
  period: PlanPeriod;
  points: TrendPoint[];
}

/** Whether a trend's points are counted segment by segment (else over every fact each time). */
export function segmentedTrend(points: readonly TrendPoint[]): boolean {
  if (points.length === 0 || points.length > SEGMENTED_TREND_POINTS) return false;
  try {
    for (const point of points) parseIsoDate(point.date);
    return true;
  } catch {
    return false;
  }
}

/**
 * A trend point's computation, as a job of the overview's kind: the point's day is its as-of day,
 * its targets' metrics are its figures, and its store is its own (no other figure in its key).
 */
function pointJob(job: SegmentedTrendJob, point: TrendPoint): SegmentedJob {
  return {
    key: trendPointKey(job.period, point),
    fields: job.fields,
    segments: job.segments,
    units: job.units,
    targets: point.targets,
    figures: NO_FIGURES,
    answerFigures: false,
    countedIds: false,
    period: job.period,
    asOf: point.date,
    trendPoint: true,
  };
}

/** The store key of a trend's point (its first point's names the segments the statement reads). */
export function trendPointKey(period: PlanPeriod, point: TrendPoint): string {
  return storeKeyOf(
    period,
    point.date,
    point.targets.map((t) => t.metric),
    NO_FIGURES,
  );
}

/**
 * Every point's outcomes, target by target, or 'retry' when a point's store lacks partials the
 * statement relied on. Each point of a yearly plan is a store of its own: after a write, the
 * statement reads only the changed segments, and each point recounts those and merges them with
 * the others' kept partials (at 100,000 products the twelve points took about 60 ms after a
 * write, against about 1.2 s counted over every fact; their stores hold about 40 MiB of heap,
 * measured after a forced collection on the bench database). When every fact was read, the
 * points are counted over them directly, and their partials are kept afterwards while the thread
 * is idle (keepWhenIdle; about 1 s of the thread at 100,000 products).
 */
export function computeSegmentedTrend(job: SegmentedTrendJob): TrendOutcome[][] | 'retry' {
  const segmented = segmentedTrend(job.points);
  if (!job.segments.everything) {
    // Only the changed segments were read: a trend not counted by segment needs every fact.
    if (!segmented) return 'retry';
    // A cold trend's partials still to be kept are current if their epoch is: kept now, they are
    // cheaper than every fact read and counted again. Of an older epoch, they are of no use.
    finishKeepsOf(trendPointKey(job.period, job.points[0]!), job.segments.epoch);
    const points = job.points.map((point) => pointJob(job, point));
    const ready = points.map(readyStore);
    if (ready.some((store) => store === null)) return 'retry';
    const facts = factsOfFields(job.fields, job.units);
    const parts = segmentsOf(facts);
    const rest = restOf(points[0]!, facts);
    return points.map((point, i) => {
      const mergers = recountInto(point, ready[i]!, parts, figureSetOf(point));
      return mergedOutcomes(point, mergers, rest).map(trendOutcomeOf);
    });
  }
  settleIdle(job.segments.epoch);
  dropOtherEpochs(job.segments.epoch);
  makeRoomFor(job.fields);
  const facts = factsOfFields(job.fields, job.units);
  if (segmented) {
    let parts: Map<number, PlanFacts> | null = null;
    const work = job.points.map((p) => {
      const point = pointJob(job, p);
      return () => keepEverySegment(point, (parts ??= segmentsOf(facts)), figureSetOf(point));
    });
    keepWhenIdle({
      epoch: job.segments.epoch,
      work,
      keys: new Set(job.points.map((point) => trendPointKey(job.period, point))),
      known: knownAfterEverything(job.segments),
      finishFirst: false,
    });
  }
  return trendOutcomes(job.points, facts);
}

/**
 * The store kept for `job` when it holds, at the version the statement read, every segment the
 * statement did not select again; null when it does not (another computation replaced those
 * partials, the store was dropped, or the thread restarted): the caller then reads every fact.
 */
function readyStore(job: SegmentedJob): Store | null {
  const { segments } = job;
  const store = stores.get(job.key);
  if (!store || store.epoch !== segments.epoch) return null;
  const recount = new Set(segments.stale);
  const versionOf = (segment: number) => segments.versions.get(segment) ?? 0;
  for (const [segment, byVersion] of store.segments)
    if (!recount.has(segment) && !byVersion.has(versionOf(segment))) return null;
  for (const segment of segments.versions.keys())
    if (!recount.has(segment) && !store.segments.has(segment)) return null;
  return store;
}

/**
 * The job's figures merged over every segment: the changed segments recounted from `parts` (a
 * part of a segment that did not change holds only the records a changed one's activity named:
 * dropped), the others' partials reused.
 */
function recountInto(
  job: SegmentedJob,
  store: Store,
  parts: ReadonlyMap<number, PlanFacts>,
  set: FigureSet,
): Map<string, MetricMerger<number>> {
  const { segments } = job;
  const versionOf = (segment: number) => segments.versions.get(segment) ?? 0;
  const fresh = recounted(job, parts, new Set(segments.stale), set);
  return keepSegments(job, store, set, versionOf, fresh);
}

/** Every target's progress from the merged figures (each metric's outcome once). */
function mergedOutcomes(
  job: SegmentedJob,
  mergers: ReadonlyMap<string, MetricMerger<number>>,
  rest: Pick<PlanFacts, 'units' | 'councilRounds'>,
): ProgressOutcome[] {
  const byMetric = new Map<MetricName, MetricOutcome>();
  return job.targets.map((target): ProgressOutcome => {
    try {
      if (target.metric === NO_DATA_SOURCE_METRIC)
        return { progress: noDataSourceProgress(target, job.asOf) };
      const name = getMetric(target.metric).name;
      let outcome = byMetric.get(name);
      if (!outcome)
        byMetric.set(name, (outcome = mergers.get(name)!.outcome(rest, job.period, job.asOf)));
      return { progress: progressOfOutcome(target, outcome, job.asOf) };
    } catch (error) {
      return errorOutcome(error);
    }
  });
}

/** The facts split by segment (fact-segments.ts's rule, on the ids the statement returned). */
const segmentsOf = (facts: PlanFacts): Map<number, PlanFacts> =>
  partitionFacts(
    facts,
    (id) => entitySegment(Number(id)),
    (id) => loneProductSegment(Number(id)),
  );

/** Each recounted segment's partials (null: none of its facts was selected). */
function recounted(
  job: SegmentedJob,
  parts: ReadonlyMap<number, PlanFacts>,
  recount: ReadonlySet<number>,
  set: FigureSet,
): Map<number, Partials> {
  const fresh = new Map<number, Partials>();
  for (const segment of recount) {
    const part = parts.get(segment);
    fresh.set(segment, part ? figurePartials(set, part, job.period, job.asOf) : null);
  }
  return fresh;
}

const restOf = (
  job: SegmentedJob,
  facts: PlanFacts,
): Pick<PlanFacts, 'units' | 'councilRounds'> => ({
  units: job.units,
  ...(facts.councilRounds ? { councilRounds: facts.councilRounds } : {}),
});

/** Every segment's partials over every fact, kept in a new store (after a cold computation). */
function keepEverySegment(
  job: SegmentedJob,
  parts: ReadonlyMap<number, PlanFacts>,
  set: FigureSet,
): void {
  keepFresh(job, set, recounted(job, parts, everySegmentOf(job, parts), set));
}

/** keepEverySegment in pieces (IdleKeeps): the partition, slices of segments, the store. */
function everySegmentKeeps(job: SegmentedJob, facts: PlanFacts, set: FigureSet): (() => void)[] {
  const fresh = new Map<number, Partials>();
  const work = [
    () => {
      const parts = segmentsOf(facts);
      const every = [...everySegmentOf(job, parts)];
      for (let i = 0; i < every.length; i += KEEP_SEGMENTS_PER_TURN) {
        const slice = new Set(every.slice(i, i + KEEP_SEGMENTS_PER_TURN));
        work.push(() => {
          for (const [segment, partials] of recounted(job, parts, slice, set))
            fresh.set(segment, partials);
        });
      }
      work.push(() => keepFresh(job, set, fresh));
    },
  ];
  return work;
}

/** The segments a store kept from every fact holds: those with facts and those with a version. */
const everySegmentOf = (job: SegmentedJob, parts: ReadonlyMap<number, PlanFacts>): Set<number> =>
  new Set([...parts.keys(), ...job.segments.versions.keys()]);

/** Every segment's partials (`fresh`) kept in a new store for the job's key. */
function keepFresh(job: SegmentedJob, set: FigureSet, fresh: ReadonlyMap<number, Partials>): void {
  const { segments } = job;
  const versionOf = (segment: number) => segments.versions.get(segment) ?? 0;
  const store: Store = {
    epoch: segments.epoch,
    segments: new Map(),
    merged: null,
    ids: 0,
    trendPoint: job.trendPoint ?? false,
  };
  keepSegments(job, store, set, versionOf, fresh);
}

/** The recounted segments' partials kept in the store (the most recently used), merged. */
function keepSegments(
  job: SegmentedJob,
  store: Store,
  set: FigureSet,
  versionOf: (segment: number) => number,
  /** The recounted segments' partials (every recounted segment has an entry, null or not). */
  fresh: ReadonlyMap<number, Partials>,
): Map<string, MetricMerger<number>> {
  for (const [segment, partials] of fresh) keep(store, segment, versionOf(segment), partials);
  stores.delete(job.key);
  stores.set(job.key, store);
  while (stores.size > MAX_STORES || (stores.size > 1 && storesBytes() > STORE_BUDGET_BYTES))
    stores.delete(firstToDrop());
  return mergedFor(store, set, versionOf, fresh);
}

/**
 * The store's mergers brought to the statement's segment versions: the recounted segments'
 * partials replace theirs when every other segment is merged at the version the statement read;
 * otherwise (everything recounted, or a computation of another snapshot merged last) they are
 * built again from every segment's kept partials.
 */
function mergedFor(
  store: Store,
  set: FigureSet,
  versionOf: (segment: number) => number,
  /** The recounted segments' partials (every recounted segment has an entry, null or not). */
  fresh: ReadonlyMap<number, Partials>,
): Map<string, MetricMerger<number>> {
  const merged = store.merged;
  const current =
    merged !== null &&
    [...store.segments.keys()].every(
      (segment) => fresh.has(segment) || merged.versions.get(segment) === versionOf(segment),
    );
  if (current) {
    for (const [segment, partials] of fresh) {
      for (const [name, merger] of merged.mergers) merger.set(segment, partials?.get(name) ?? null);
      merged.versions.set(segment, versionOf(segment));
    }
    return merged.mergers;
  }
  const versions = new Map<number, number>();
  const kept: [number, Map<string, MetricPartial>][] = [];
  for (const [segment, byVersion] of store.segments) {
    // A recounted segment's own partials, not the store's: a statement older than the two
    // versions kept (a computation sent after newer ones) is not kept by keep(), and reading it
    // back from the store counted the segment as empty.
    const partials = fresh.has(segment)
      ? (fresh.get(segment) ?? null)
      : (byVersion.get(versionOf(segment)) ?? null);
    if (partials) kept.push([segment, partials]);
    versions.set(segment, versionOf(segment));
  }
  const mergers = new Map(
    figureKeys(set).map((key) => [
      key,
      MetricMerger.of(
        metricOfKey(key),
        kept.map(([segment, partials]): [number, MetricPartial] => [segment, partials.get(key)!]),
      ),
    ]),
  );
  store.merged = { mergers, versions };
  return mergers;
}
