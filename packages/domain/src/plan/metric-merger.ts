/**
 * A metric's merge over parts kept up to date as parts change (metric-partials.ts merges all
 * parts at once). Each list of ids (counted, base, a unit's counted, unassigned; the tally's
 * year-only and sample records) keeps how many parts name each id and its sorted distinct ids;
 * replacing one part's partial touches only that part's ids, and the sorted list is rebuilt in
 * one linear pass (the ids kept, merged with the few new ones sorted) instead of sorting every
 * part's ids again. An id counted by two parts (an activity's products, named in each part the
 * activity reaches) stays until neither counts it. The outcome equals mergeMetricPartials over
 * the same partials (tested).
 */
import type { IsoDate } from '../dates.js';
import { windowOf } from './fact-index.js';
import type { PlanFacts, PlanPeriod } from './facts.js';
import type { MetricPartial } from './metric-partials.js';
import { getMetric, type MetricName, type MetricOutcome, type MetricValue } from './metrics.js';

/**
 * Sorted distinct ids named by several parts, and how many parts name each. Most ids are named by
 * one part only (a segment's entities and products): their count is implied by the sorted list
 * (1 when listed, found by binary search), and only the ids named by several parts or touched
 * since the list was last built are counted in a map. Built from every part at once with one
 * sort; a change touches only the ids it names, and the sorted list is copied once, dropping the
 * ids no part names any more and inserting the new ones where a binary search puts them (at
 * 100,000 products: a map of every id, built for a cold overview, cost 135 ms and most of its
 * garbage collection; filtering eight lists of up to 20,000 ids through it, 15 ms per recount).
 */
class SharedIds {
  /** Distinct ids, sorted, as of the last build. */
  private sorted: string[] = [];
  /** Counts that differ from the one the sorted list implies (ids of several parts, or touched). */
  private readonly counts = new Map<string, number>();
  /** Ids whose count rose from 0, or fell to 0, since the last build. */
  private readonly risen = new Set<string>();
  private readonly fallen = new Set<string>();

  /** Every part's ids at once: one sort, duplicates counted. */
  static of(lists: readonly (readonly string[])[]): SharedIds {
    const shared = new SharedIds();
    const all = ([] as string[]).concat(...lists).sort();
    let kept = 0;
    for (let i = 0; i < all.length; i++) {
      const id = all[i]!;
      if (kept > 0 && all[kept - 1] === id) shared.counts.set(id, (shared.counts.get(id) ?? 1) + 1);
      else all[kept++] = id;
    }
    all.length = kept;
    shared.sorted = all;
    return shared;
  }

  private listed(id: string): boolean {
    const at = lowerBound(this.sorted, id);
    return at < this.sorted.length && this.sorted[at] === id;
  }

  private count(id: string): number {
    return this.counts.get(id) ?? (this.listed(id) ? 1 : 0);
  }

  add(ids: readonly string[]): void {
    for (const id of ids) {
      const n = this.count(id);
      this.counts.set(id, n + 1);
      if (n === 0) this.risen.add(id);
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const n = this.count(id);
      this.counts.set(id, n - 1);
      if (n === 1) this.fallen.add(id);
    }
  }

  /** How many distinct ids the parts name. */
  get size(): number {
    return this.ids().length;
  }

  /** The sorted distinct ids (a new array after a change; never changed in place). */
  ids(): string[] {
    if (this.risen.size === 0 && this.fallen.size === 0) return this.sorted;
    const touched = [...new Set([...this.risen, ...this.fallen])];
    const gone = touched.filter((id) => this.counts.get(id) === 0 && this.listed(id));
    const fresh = touched.filter((id) => this.counts.get(id)! > 0 && !this.listed(id)).sort();
    this.risen.clear();
    this.fallen.clear();
    this.sorted = rebuilt(this.sorted, gone, fresh);
    // Counts the new list implies again are dropped: the map keeps ids of several parts only.
    for (const id of touched) {
      const n = this.counts.get(id)!;
      if (n === 0 || (n === 1 && this.listed(id))) this.counts.delete(id);
    }
    return this.sorted;
  }
}

/** The first index of `list` (sorted) whose id is not below `id`. */
function lowerBound(list: readonly string[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `sorted` without the `gone` ids (all listed), with the `fresh` ones (sorted, none listed). */
function rebuilt(
  sorted: readonly string[],
  gone: readonly string[],
  fresh: readonly string[],
): string[] {
  if (gone.length === 0 && fresh.length === 0) return sorted as string[];
  // Where each fresh id goes, and which positions are dropped: one binary search each.
  const skip = gone.map((id) => lowerBound(sorted, id)).sort((a, b) => a - b);
  const insert = fresh.map((id) => lowerBound(sorted, id));
  const out: string[] = [];
  let s = 0;
  let f = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (f < fresh.length && insert[f] === i) out.push(fresh[f++]!);
    if (s < skip.length && skip[s] === i) s += 1;
    else out.push(sorted[i]!);
  }
  while (f < fresh.length) out.push(fresh[f++]!);
  return out;
}

/** The lists of a partial, by role (a unit's counted list is `unit:<code>`). */
function listsOf(value: MetricValue): [string, readonly string[]][] {
  if (value.shape === 'count') return [['counted', value.counted]];
  if (value.shape === 'share')
    return [
      ['counted', value.counted],
      ['base', value.base],
    ];
  return [
    ...value.perUnit.map((u): [string, readonly string[]] => [`unit:${u.unitCode}`, u.counted]),
    ['unassigned', value.unassigned],
  ];
}

export class MetricMerger<K> {
  private readonly parts = new Map<K, MetricPartial>();
  private readonly lists = new Map<string, SharedIds>();
  private yearOnly = new SharedIds();
  private samples = new SharedIds();

  constructor(readonly name: MetricName) {}

  /** A merger of every part's partial at once (one sort per list, instead of one `set` each). */
  static of<K>(name: MetricName, parts: Iterable<[K, MetricPartial]>): MetricMerger<K> {
    const merger = new MetricMerger<K>(name);
    const byRole = new Map<string, (readonly string[])[]>();
    const yearOnly: (readonly string[])[] = [];
    const samples: (readonly string[])[] = [];
    for (const [part, partial] of parts) {
      merger.parts.set(part, partial);
      for (const [role, ids] of listsOf(partial.value)) {
        const lists = byRole.get(role);
        if (lists) lists.push(ids);
        else byRole.set(role, [ids]);
      }
      yearOnly.push(partial.yearOnlyKeys);
      samples.push(partial.sampleIds);
    }
    for (const [role, lists] of byRole) merger.lists.set(role, SharedIds.of(lists));
    merger.yearOnly = SharedIds.of(yearOnly);
    merger.samples = SharedIds.of(samples);
    return merger;
  }

  private list(role: string): SharedIds {
    let list = this.lists.get(role);
    if (!list) this.lists.set(role, (list = new SharedIds()));
    return list;
  }

  /** Replaces a part's partial (null: the part counts nothing, or is gone). */
  set(part: K, partial: MetricPartial | null): void {
    const previous = this.parts.get(part);
    if (previous) {
      for (const [role, ids] of listsOf(previous.value)) this.list(role).remove(ids);
      this.yearOnly.remove(previous.yearOnlyKeys);
      this.samples.remove(previous.sampleIds);
      this.parts.delete(part);
    }
    if (partial) {
      for (const [role, ids] of listsOf(partial.value)) this.list(role).add(ids);
      this.yearOnly.add(partial.yearOnlyKeys);
      this.samples.add(partial.sampleIds);
      this.parts.set(part, partial);
    }
  }

  /**
   * The distinct year-only records the parts' partials used (sorted): tallies of several metrics
   * over the same facts merge by union (a record behind two figures counts once).
   */
  yearOnlyKeys(): readonly string[] {
    return this.yearOnly.ids();
  }

  /** The outcome over every part, with the province-wide `finish` applied (as mergeMetricPartials). */
  outcome(
    rest: Pick<PlanFacts, 'units' | 'councilRounds'>,
    period: PlanPeriod,
    asOf: IsoDate,
  ): MetricOutcome {
    const metric = getMetric(this.name);
    const ids = (role: string) => this.lists.get(role)?.ids() ?? [];
    let merged: MetricValue;
    if (metric.shape === 'count') {
      const counted = ids('counted');
      merged = { shape: 'count', value: counted.length, counted };
    } else if (metric.shape === 'share') {
      const counted = ids('counted');
      const base = ids('base');
      merged = {
        shape: 'share',
        numerator: counted.length,
        denominator: base.length,
        counted,
        base,
      };
    } else {
      const perUnit = rest.units.map((unit) => {
        const counted = ids(`unit:${unit.code}`);
        return { unitCode: unit.code, value: counted.length, counted };
      });
      merged = { shape: 'per_unit', perUnit, unassigned: ids('unassigned') };
    }
    const finished = metric.finish
      ? metric.finish(merged, rest, { window: windowOf(period, asOf) })
      : merged;
    return { ...finished, yearOnlyRecords: this.yearOnly.size, sampleRecords: this.samples.size };
  }
}
