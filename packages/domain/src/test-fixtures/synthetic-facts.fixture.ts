/**
 * Test-only: a deterministic fact set of 2019–2025 in every shape the metrics read (year- and
 * month-precision dates, revocations, upgrades, products without an entity or with an unknown one,
 * activities naming entities or products, sample activities). Excluded from the build
 * (tsconfig.build.json).
 */
import type { FactDate } from '../dates.js';
import type { ActivityFact, PlanFacts } from '../plan/facts.js';
import { seededRandom } from '../seeded-random.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Facts of 2019–2025 in every shape the metrics read: precisions, revocations, upgrades, links. */
export function syntheticFacts(): PlanFacts {
  const random = seededRandom(2021);
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

export const PERIODS = [
  { start: '2020-01-01', end: '2020-12-31' },
  { start: '2021-01-01', end: '2021-12-31' },
  { start: '2023-01-01', end: '2023-12-31' },
  { start: '2021-01-01', end: '2025-12-31' },
];
export const AS_OF = [
  '2019-06-30',
  '2020-07-15',
  '2021-06-30',
  '2021-12-31',
  '2023-09-30',
  '2026-03-01',
];
