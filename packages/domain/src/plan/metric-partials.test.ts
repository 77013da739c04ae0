import { describe, expect, it } from 'vitest';
import { AS_OF, PERIODS, syntheticFacts } from '../test-fixtures/synthetic-facts.fixture.js';
import { partitionFacts } from './fact-partition.js';
import { factsOfUnit } from './fact-selection.js';
import { YearOnlyTally, type PlanFacts } from './facts.js';
import { MetricMerger } from './metric-merger.js';
import {
  computeMetricPartials,
  mergeMetricPartials,
  type MetricPartial,
} from './metric-partials.js';
import { computeMetric, METRICS, type MetricName } from './metrics.js';

const NAMES = Object.keys(METRICS) as MetricName[];

/** Entities e0…e39 in parts of `size` by number; lone products in parts of their own numbers. */
function partsOf(facts: PlanFacts, size: number) {
  const number = (id: string) => Number(id.replace(/\D/g, '') || '-1');
  return partitionFacts(
    facts,
    (entityId) => `e${Math.floor(number(entityId) / size)}`,
    (productId) => `p${Math.floor(number(productId) / size)}`,
  );
}

function merged(facts: PlanFacts, size: number, period: (typeof PERIODS)[number], asOf: string) {
  const partials = [...partsOf(facts, size).values()].map((part) =>
    computeMetricPartials(NAMES, part, period, asOf),
  );
  return (name: MetricName) =>
    mergeMetricPartials(
      name,
      partials.map((p) => p.get(name)!),
      {
        units: facts.units,
        ...(facts.councilRounds ? { councilRounds: facts.councilRounds } : {}),
      },
      period,
      asOf,
    );
}

describe('metrics counted part by part', () => {
  const facts = syntheticFacts();

  it('splits the facts into parts that together hold every record once (activities where they reach)', () => {
    const parts = [...partsOf(facts, 7).values()];
    expect(parts.length).toBeGreaterThan(5);
    const total = (pick: (p: PlanFacts) => unknown[]) =>
      parts.reduce((n, p) => n + pick(p).length, 0);
    expect(total((p) => p.entities)).toBe(facts.entities.length);
    expect(total((p) => p.products)).toBe(facts.products.length);
    expect(total((p) => p.evaluations)).toBe(facts.evaluations.length);
    expect(total((p) => p.decisionItems)).toBe(facts.decisionItems.length);
    // An activity naming records of two parts is in both.
    expect(total((p) => p.activities)).toBeGreaterThan(facts.activities.length);
  });

  it.each([1, 7, 1000])(
    'gives every metric the outcome it has over the whole fact set (parts of %i entities)',
    (size) => {
      for (const period of PERIODS)
        for (const asOf of AS_OF) {
          const partly = merged(facts, size, period, asOf);
          for (const name of NAMES)
            expect(partly(name), `${name} ${period.start}…${period.end} on ${asOf}`).toEqual(
              computeMetric(name, facts, period, asOf),
            );
        }
    },
  );

  it('applies the published council rounds once, after the merge', () => {
    const period = PERIODS[1]!;
    const withRounds: PlanFacts = {
      ...facts,
      councilRounds: [
        {
          level: 'province',
          round: 1,
          year: 2021,
          date: { date: '2021-06-30', precision: 'day' },
          evaluated: 400,
          passed: 300,
        },
      ],
    };
    const whole = computeMetric('provincial_pass_rate', withRounds, period, '2021-12-31');
    expect(whole.shape === 'share' && whole.publishedRounds).toEqual(['1/2021']);
    expect(merged(withRounds, 7, period, '2021-12-31')('provincial_pass_rate')).toEqual(whole);
  });

  it('counts nothing over no parts, and lists every unit of a per-unit metric with 0', () => {
    const outcome = mergeMetricPartials(
      'entities_participating_per_unit',
      [],
      { units: facts.units },
      PERIODS[1]!,
      '2021-12-31',
    );
    expect(outcome).toMatchObject({ yearOnlyRecords: 0, sampleRecords: 0, unassigned: [] });
    expect(
      outcome.shape === 'per_unit' && outcome.perUnit.map((u) => [u.unitCode, u.value]),
    ).toEqual(facts.units.map((u) => [u.code, 0]));
  });

  it('keeps the merge up to date as parts change (MetricMerger), equal to counting every fact', () => {
    const period = PERIODS[1]!;
    const asOf = '2021-12-31';
    const before = facts;
    // A write of several facts: evaluations of one product gone, a product moved to another
    // entity, an activity's product link gone, a new registration.
    const moved = before.products.find((p) => p.entityId !== null)!;
    const linked = before.activities.find((a) => a.productIds.length > 0)!;
    const after: PlanFacts = {
      ...before,
      evaluations: before.evaluations.filter((e) => e.productId !== 'p3'),
      products: before.products.map((p) => (p === moved ? { ...p, entityId: 'e39' } : p)),
      activities: before.activities.map((a) => (a === linked ? { ...a, productIds: [] } : a)),
      entities: before.entities.map((e, i) =>
        i === 0 ? { ...e, registeredOn: { date: '2021-03-01', precision: 'day' as const } } : e,
      ),
    };
    const partials = (f: PlanFacts) =>
      new Map(
        [...partsOf(f, 7)].map(([key, part]) => [
          key,
          computeMetricPartials(NAMES, part, period, asOf),
        ]),
      );
    const old = partials(before);
    // Built from every part at once, and part by part: the same outcome as all facts.
    const mergers = NAMES.map((name) =>
      MetricMerger.of(
        name,
        [...old].map(([key, p]) => [key, p.get(name)!] as [string, MetricPartial]),
      ),
    );
    const oneByOne = NAMES.map((name) => new MetricMerger<string>(name));
    for (const merger of oneByOne) for (const [key, p] of old) merger.set(key, p.get(merger.name)!);
    const rest = { units: facts.units };
    for (const merger of [...mergers, ...oneByOne])
      expect(merger.outcome(rest, period, asOf), merger.name).toEqual(
        computeMetric(merger.name, before, period, asOf),
      );
    // Only the parts whose partials changed are replaced (those of no facts any more: removed).
    const next = partials(after);
    let replaced = 0;
    for (const key of new Set([...old.keys(), ...next.keys()]))
      if (
        JSON.stringify([...(old.get(key) ?? [])]) !== JSON.stringify([...(next.get(key) ?? [])])
      ) {
        replaced += 1;
        for (const merger of mergers) merger.set(key, next.get(key)?.get(merger.name) ?? null);
      }
    expect(replaced).toBeGreaterThan(0);
    expect(replaced).toBeLessThan(next.size);
    for (const merger of mergers)
      expect(merger.outcome(rest, period, asOf), merger.name).toEqual(
        computeMetric(merger.name, after, period, asOf),
      );
  });

  it("counts each unit's own facts part by part, one year-only tally across the unit's metrics", () => {
    // The districts page: metrics over factsOfUnit, counted per part and merged (the API keeps
    // them per segment), with a record behind two of a unit's figures counted once.
    const period = PERIODS[1]!;
    const asOf = '2021-12-31';
    const names: MetricName[] = ['provincial_pass_rate', 'products_first_certified'];
    const parts = [...partsOf(facts, 7).entries()];
    let yearOnlySeen = 0;
    for (const unit of facts.units) {
      const own = factsOfUnit(facts, unit.code);
      const tally = new YearOnlyTally();
      const rest = { units: [unit] };
      const yearOnly = new Set<string>();
      for (const name of names) {
        const merger = MetricMerger.of(
          name,
          parts.map(([key, part]): [string, MetricPartial] => [
            key,
            computeMetricPartials([name], factsOfUnit(part, unit.code), period, asOf).get(name)!,
          ]),
        );
        const { yearOnlyRecords: _alone, ...whole } = computeMetric(name, own, period, asOf, tally);
        const { yearOnlyRecords: _merged, ...partly } = merger.outcome(rest, period, asOf);
        expect(partly, `${unit.code} ${name}`).toEqual(whole);
        for (const key of merger.yearOnlyKeys()) yearOnly.add(key);
      }
      expect(yearOnly.size, unit.code).toBe(tally.count);
      yearOnlySeen += tally.count;
    }
    expect(yearOnlySeen).toBeGreaterThan(0);
  });
});
