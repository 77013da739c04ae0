/**
 * Metrics counted part by part: each part of a fact set (fact-partition.ts) gives every metric a
 * partial value — the records it counts and the year-only and sample records it used — and the
 * parts' partials merge into the metric's outcome over the whole set. A part whose facts did not
 * change keeps its partials, so a figure after a write recounts only the parts the write touched
 * (the API keeps them per segment of entities; issue 10: the overview at 100,000 products).
 * The merge is a union of id lists: what a metric counts is the same records whether counted over
 * the whole or part by part (the tests compare every metric both ways).
 */
import type { IsoDate } from '../dates.js';
import { windowOf } from './fact-index.js';
import type { PlanFacts, PlanPeriod } from './facts.js';
import { YearOnlyTally } from './facts.js';
import {
  getMetric,
  metricContext,
  type MetricName,
  type MetricOutcome,
  type MetricValue,
} from './metrics.js';

/** One metric over one part: the value counted from the part's records, before `finish`. */
export interface MetricPartial {
  value: MetricValue;
  yearOnlyKeys: string[];
  sampleIds: string[];
}

/** Every named metric over one part of the facts (the part's index is built once). */
export function computeMetricPartials(
  names: readonly MetricName[],
  facts: PlanFacts,
  period: PlanPeriod,
  asOf: IsoDate,
): Map<MetricName, MetricPartial> {
  const partials = new Map<MetricName, MetricPartial>();
  for (const name of names) {
    if (partials.has(name)) continue;
    const tally = new YearOnlyTally();
    const value = getMetric(name).compute(facts, metricContext(facts, period, asOf, tally));
    partials.set(name, { value, yearOnlyKeys: tally.yearOnlyKeys(), sampleIds: tally.sampleIds() });
  }
  return partials;
}

/** The sorted union of sorted id lists (the parts' lists are sorted runs: the sort merges them). */
function union(lists: readonly (readonly string[])[]): string[] {
  const all = lists.length === 1 ? [...lists[0]!] : ([] as string[]).concat(...lists);
  all.sort();
  let kept = 0;
  for (let i = 0; i < all.length; i++)
    if (i === 0 || all[i] !== all[kept - 1]) all[kept++] = all[i]!;
  all.length = kept;
  return all;
}

/**
 * The metric's outcome over the whole fact set from its partials over the parts, with the
 * province-wide adjustment (`finish`: the council rounds of `rest`) applied once, after the merge.
 * `rest.units` are the plan's units, in order (per-unit values list every one of them).
 */
export function mergeMetricPartials(
  name: MetricName,
  partials: readonly MetricPartial[],
  rest: Pick<PlanFacts, 'units' | 'councilRounds'>,
  period: PlanPeriod,
  asOf: IsoDate,
): MetricOutcome {
  const metric = getMetric(name);
  const tally = new YearOnlyTally();
  for (const partial of partials) tally.absorb(partial.yearOnlyKeys, partial.sampleIds);
  const values = partials.map((p) => p.value);
  let merged: MetricValue;
  if (metric.shape === 'count') {
    const counted = union(values.map((v) => (v.shape === 'count' ? v.counted : [])));
    merged = { shape: 'count', value: counted.length, counted };
  } else if (metric.shape === 'share') {
    const shares = values.filter((v) => v.shape === 'share');
    const counted = union(shares.map((v) => v.counted));
    const base = union(shares.map((v) => v.base));
    merged = { shape: 'share', numerator: counted.length, denominator: base.length, counted, base };
  } else {
    const perUnits = values.filter((v) => v.shape === 'per_unit');
    const perUnit = rest.units.map((unit) => {
      const counted = union(
        perUnits.map((v) => v.perUnit.find((u) => u.unitCode === unit.code)?.counted ?? []),
      );
      return { unitCode: unit.code, value: counted.length, counted };
    });
    merged = { shape: 'per_unit', perUnit, unassigned: union(perUnits.map((v) => v.unassigned)) };
  }
  const finished = metric.finish
    ? metric.finish(merged, rest, { window: windowOf(period, asOf) })
    : merged;
  return { ...finished, yearOnlyRecords: tally.count, sampleRecords: tally.sampleCount };
}
