import { describe, expect, it } from 'vitest';
import type { FactDate } from '../dates.js';
import { factsOfUnit, selectFacts } from './fact-selection.js';
import type { ActivityFact, PlanFacts } from './facts.js';
import { computeMetric, METRICS, type MetricName } from './metrics.js';

/** Deterministic pseudo-random numbers (mulberry32), so the fact set is the same every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Facts of 2019–2025 in every shape the metrics read: precisions, revocations, upgrades, links. */
function syntheticFacts(): PlanFacts {
  const random = prng(2021);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const date = (): FactDate => {
    const year = 2019 + Math.floor(random() * 7);
    const precision = pick(['day', 'day', 'day', 'month', 'year'] as const);
    const month = 1 + Math.floor(random() * 12);
    if (precision === 'year') return { date: `${year}-12-31`, precision };
    if (precision === 'month') return { date: `${year}-${pad(month)}-28`, precision };
    return { date: `${year}-${pad(month)}-${pad(1 + Math.floor(random() * 28))}`, precision };
  };
  const units = ['u1', 'u2', 'u3', 'u4'].map((code) => ({ code, name: code.toUpperCase() }));
  const unitOrNull = () => (random() < 0.1 ? null : random() < 0.05 ? 'gone' : pick(units).code);
  const entities = Array.from({ length: 40 }, (_, i) => ({
    id: `e${i}`,
    unitCode: unitOrNull(),
    registeredOn: random() < 0.6 ? date() : null,
    type: pick(['enterprise', 'cooperative', 'cooperative_group', 'household_business', null]),
  }));
  const products = Array.from({ length: 120 }, (_, i) => ({
    id: `p${i}`,
    entityId: random() < 0.08 ? null : random() < 0.05 ? 'e-unknown' : pick(entities).id,
    unitCode: unitOrNull(),
  }));
  const evaluations = Array.from({ length: 260 }, (_, i) => ({
    id: `v${i}`,
    productId: pick(products).id,
    level: pick(['district', 'province', 'province', 'national'] as const),
    date: date(),
    stars: random() < 0.15 ? null : 1 + Math.floor(random() * 5),
  }));
  const decisionItems = Array.from({ length: 300 }, (_, i) => {
    const stars = random() < 0.1 ? null : 2 + Math.floor(random() * 4);
    return {
      decisionId: `d${Math.floor(i / 3)}`,
      productId: pick(products).id,
      date: date(),
      issuingLevel: stars === 5 ? ('national' as const) : pick(['province', 'district'] as const),
      stars,
      action: random() < 0.07 ? ('revoke' as const) : ('recognise' as const),
    };
  });
  const activities: ActivityFact[] = Array.from({ length: 90 }, (_, i) => {
    const namesProducts = random() < 0.5;
    return {
      id: `a${i}`,
      kind: pick(['capacity_training', 'standardisation_support', 'trade_promotion']),
      date: date(),
      entityIds: namesProducts && random() < 0.5 ? [] : [pick(entities).id, pick(entities).id],
      productIds: namesProducts ? [pick(products).id] : [],
      unitCode: unitOrNull(),
      sample: random() < 0.3,
    };
  });
  return { units, entities, products, evaluations, decisionItems, activities };
}

const PERIODS = [
  { start: '2020-01-01', end: '2020-12-31' },
  { start: '2021-01-01', end: '2021-12-31' },
  { start: '2023-01-01', end: '2023-12-31' },
  { start: '2021-01-01', end: '2025-12-31' },
];
const AS_OF = ['2019-06-30', '2020-07-15', '2021-06-30', '2021-12-31', '2023-09-30', '2026-03-01'];

describe('selectFacts', () => {
  const facts = syntheticFacts();

  it('keeps fewer facts than there are', () => {
    const selected = selectFacts(facts, PERIODS[1]!, '2021-06-30');
    expect(selected.evaluations.length).toBeLessThan(facts.evaluations.length);
    expect(selected.decisionItems.length).toBeLessThan(facts.decisionItems.length);
    expect(selected.activities.length).toBeLessThan(facts.activities.length);
    expect(selected.products.length).toBeLessThan(facts.products.length);
  });

  it('gives every metric the same outcome as all facts, for each period and as-of day', () => {
    for (const period of PERIODS)
      for (const asOf of AS_OF) {
        const selected = selectFacts(facts, period, asOf);
        for (const name of Object.keys(METRICS) as MetricName[]) {
          const label = `${name} ${period.start}…${period.end} on ${asOf}`;
          expect(computeMetric(name, selected, period, asOf), label).toEqual(
            computeMetric(name, facts, period, asOf),
          );
        }
      }
  });

  it('gives the per-unit metrics of one unit the same outcome on its selected facts', () => {
    const period = PERIODS[1]!;
    const selected = selectFacts(facts, period, '2021-12-31');
    for (const name of ['provincial_pass_rate', 'products_first_certified'] as const)
      expect(computeMetric(name, factsOfUnit(selected, 'u2'), period, '2021-12-31')).toEqual(
        computeMetric(name, factsOfUnit(facts, 'u2'), period, '2021-12-31'),
      );
  });
});
