// Plan progress counted segment by segment, in the plan-progress worker thread. The partial
// figures of every fact segment (modules/data-version/fact-segments.ts) are kept here, per plan
// window, as-of day and set of metrics, under the segment's version. A computation reads only the
// facts of the segments changed since (plan-facts.query.ts), recounts those, and merges every
// segment's partials into the targets' progress with the domain's rules (metric-partials.ts): at
// 100,000 products a write touches one segment of a few hundred products, and the figures after
// it no longer cost a count of every fact. Pure computation: no database, no ORM.
import { getHeapStatistics } from 'node:v8';
import {
  computeMetricPartials,
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
import { entitySegment, loneProductSegment } from '../data-version/fact-segments.js';
import { factsOfFields, type FactFields } from './plan-facts.columns.js';
import type { SegmentState } from './plan-facts.query.js';
import { errorOutcome, type ProgressOutcome } from './plan-progress-outcome.js';

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
  period: PlanPeriod;
  asOf: string;
}

/** A segment's partials by metric; null: the segment had no facts in the window. */
type Partials = Map<MetricName, MetricPartial> | null;

interface Store {
  epoch: number;
  /** The metrics merged over every segment, and the segment versions they reflect. */
  merged: { mergers: Map<MetricName, MetricMerger<number>>; versions: Map<number, number> } | null;
  /** Per segment, its partials by version: the newest two (a computation started before a
   *  write may still need the version it read). */
  segments: Map<number, Map<number, Partials>>;
}

/**
 * Kept stores (window × as-of day × metrics); the least recently used goes first, also while the
 * thread's heap is above STORE_HEAP_BUDGET. One store at 100,000 products holds about 10 MiB (its
 * partials and merges; bench/profile-segments.ts), and a cold computation needs about 48 MB more
 * for a moment, within the worker's 128 MB old generation (plan-progress-thread.ts).
 */
const MAX_STORES = 4;
const STORE_HEAP_BUDGET = 64 * 2 ** 20;
const stores = new Map<string, Store>();

/** The store key of a computation. */
export function storeKeyOf(period: PlanPeriod, asOf: string, metrics: readonly string[]): string {
  return `${period.start}|${period.end}|${asOf}|${[...new Set(metrics)].sort().join(',')}`;
}

/**
 * Work left for after an answer (keeping a cold computation's partials): run on the next turn
 * of the event loop, or first thing when the thread is asked anything before that — messages
 * already queued are delivered before setImmediate callbacks, and must see the partials.
 */
const pending: (() => void)[] = [];
function later(work: () => void): void {
  pending.push(work);
  setImmediate(flushPending);
}
function flushPending(): void {
  for (let work = pending.shift(); work; work = pending.shift()) work();
}

export function knownSegments(key: string): KnownReply {
  flushPending();
  const store = stores.get(key);
  if (!store) return { epoch: null, versions: [] };
  const versions: [number, number][] = [];
  for (const [segment, byVersion] of store.segments) {
    const newest = Math.max(...byVersion.keys());
    if (newest !== 0) versions.push([segment, newest]);
  }
  return { epoch: store.epoch, versions };
}

/** The metrics the targets read (no_data_source reads none; an unknown one fails its target). */
function metricsOf(targets: readonly PlanTarget[]): MetricName[] {
  const names = new Set<MetricName>();
  for (const target of targets) {
    if (target.metric === NO_DATA_SOURCE_METRIC) continue;
    try {
      names.add(getMetric(target.metric).name);
    } catch {
      // The target's own outcome reports UNKNOWN_METRIC (computeSegmentedJob).
    }
  }
  return [...names];
}

function keep(store: Store, segment: number, version: number, partials: Partials): void {
  let byVersion = store.segments.get(segment);
  if (!byVersion) store.segments.set(segment, (byVersion = new Map()));
  byVersion.set(version, partials);
  if (byVersion.size > 2) byVersion.delete(Math.min(...byVersion.keys()));
}

/**
 * Every target's progress, or 'retry' when a segment's partials of the version the statement read
 * are no longer kept (another computation replaced them, or the thread restarted): the caller then
 * reads every fact again.
 */
export function computeSegmentedJob(job: SegmentedJob): ProgressOutcome[] | 'retry' {
  flushPending();
  const { segments, asOf } = job;
  try {
    parseIsoDate(asOf);
  } catch (error) {
    // As computeTargetProgress: every target fails with the date's error.
    return job.targets.map(() => errorOutcome(error));
  }
  const facts = factsOfFields(job.fields, job.units);
  const names = metricsOf(job.targets);
  if (segments.everything) {
    // Every fact was read: the figures are counted over them at once (the fastest way), and the
    // segments' partials are kept right after the answer is sent (the thread's next job waits for
    // them), unless an unfinished import's rows were hidden from the statement (SQLite).
    if (!segments.fenced) later(() => keepEverySegment(job, facts, names));
    return job.targets.map((target) => {
      try {
        return { progress: computeTargetProgress(target, facts, asOf) };
      } catch (error) {
        return errorOutcome(error);
      }
    });
  }
  const store = stores.get(job.key);
  if (!store || store.epoch !== segments.epoch) return 'retry';
  const parts = segmentsOf(facts);
  const versionOf = (segment: number) => segments.versions.get(segment) ?? 0;
  // Recount the changed segments; a part of a segment that did not change holds only the records
  // a changed one's activity named: dropped.
  const recount = new Set(segments.stale);
  const fresh = recounted(job, parts, recount, names);
  // Every other segment's partials must be kept at the version the statement read.
  for (const [segment, byVersion] of store.segments)
    if (!recount.has(segment) && !byVersion.has(versionOf(segment))) return 'retry';
  for (const segment of segments.versions.keys())
    if (!recount.has(segment) && !store.segments.has(segment)) return 'retry';
  const mergers = keepSegments(job, store, names, recount, versionOf, fresh);
  const rest = restOf(job, facts);
  // Each metric's outcome once, however many targets read it.
  const outcomes = new Map<MetricName, MetricOutcome>();
  return job.targets.map((target) => {
    try {
      if (target.metric === NO_DATA_SOURCE_METRIC)
        return { progress: noDataSourceProgress(target, asOf) };
      const name = getMetric(target.metric).name;
      let outcome = outcomes.get(name);
      if (!outcome)
        outcomes.set(name, (outcome = mergers.get(name)!.outcome(rest, job.period, asOf)));
      return { progress: progressOfOutcome(target, outcome, asOf) };
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
  names: readonly MetricName[],
): Map<number, Partials> {
  const fresh = new Map<number, Partials>();
  for (const segment of recount) {
    const part = parts.get(segment);
    fresh.set(segment, part ? computeMetricPartials(names, part, job.period, job.asOf) : null);
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
function keepEverySegment(job: SegmentedJob, facts: PlanFacts, names: readonly MetricName[]): void {
  const { segments } = job;
  const parts = segmentsOf(facts);
  const versionOf = (segment: number) => segments.versions.get(segment) ?? 0;
  const recount = new Set([...parts.keys(), ...segments.versions.keys()]);
  const fresh = recounted(job, parts, recount, names);
  const store: Store = { epoch: segments.epoch, segments: new Map(), merged: null };
  keepSegments(job, store, names, recount, versionOf, fresh);
}

/** The recounted segments' partials kept in the store (the most recently used), merged. */
function keepSegments(
  job: SegmentedJob,
  store: Store,
  names: readonly MetricName[],
  recount: ReadonlySet<number>,
  versionOf: (segment: number) => number,
  fresh: ReadonlyMap<number, Partials>,
): Map<MetricName, MetricMerger<number>> {
  for (const [segment, partials] of fresh) keep(store, segment, versionOf(segment), partials);
  stores.delete(job.key);
  stores.set(job.key, store);
  while (
    stores.size > MAX_STORES ||
    (stores.size > 1 && getHeapStatistics().used_heap_size > STORE_HEAP_BUDGET)
  )
    stores.delete(stores.keys().next().value!);
  return mergedFor(store, names, recount, versionOf, fresh);
}

/**
 * The store's mergers brought to the statement's segment versions: the recounted segments'
 * partials replace theirs when every other segment is merged at the version the statement read;
 * otherwise (everything recounted, or a computation of another snapshot merged last) they are
 * built again from every segment's kept partials.
 */
function mergedFor(
  store: Store,
  names: readonly MetricName[],
  recount: ReadonlySet<number>,
  versionOf: (segment: number) => number,
  fresh: ReadonlyMap<number, Partials>,
): Map<MetricName, MetricMerger<number>> {
  const merged = store.merged;
  const current =
    merged !== null &&
    [...store.segments.keys()].every(
      (segment) => recount.has(segment) || merged.versions.get(segment) === versionOf(segment),
    );
  if (current) {
    for (const [segment, partials] of fresh) {
      for (const [name, merger] of merged.mergers) merger.set(segment, partials?.get(name) ?? null);
      merged.versions.set(segment, versionOf(segment));
    }
    return merged.mergers;
  }
  const versions = new Map<number, number>();
  const kept: [number, Map<MetricName, MetricPartial>][] = [];
  for (const [segment, byVersion] of store.segments) {
    const partials = byVersion.get(versionOf(segment)) ?? null;
    if (partials) kept.push([segment, partials]);
    versions.set(segment, versionOf(segment));
  }
  const mergers = new Map(
    names.map((name) => [
      name,
      MetricMerger.of(
        name,
        kept.map(([segment, partials]): [number, MetricPartial] => [segment, partials.get(name)!]),
      ),
    ]),
  );
  store.merged = { mergers, versions };
  return mergers;
}
