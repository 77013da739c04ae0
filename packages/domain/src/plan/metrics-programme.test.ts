import { describe, expect, it } from 'vitest';
import { factDateFromDay, type FactDate } from '../dates.js';
import { emptyPlanFacts, type DecisionItemFact, type PlanFacts } from './facts.js';
import { computeMetric } from './metrics.js';
import { computeTargetProgress } from './progress.js';
import type { PlanTarget } from './targets.js';

const year2023 = { start: '2023-01-01', end: '2023-12-31' };
const programme = { start: '2021-01-01', end: '2025-12-31' };
const yearOnly = (y: number): FactDate => ({ date: `${y}-12-31`, precision: 'year' });

function item(
  productId: string,
  date: FactDate,
  stars: number | null,
  action: 'recognise' | 'revoke' = 'recognise',
): DecisionItemFact {
  return {
    decisionId: `d-${productId}-${date.date}`,
    productId,
    date,
    issuingLevel: stars === 5 ? 'national' : 'province',
    stars,
    action,
  };
}

/** p1: 3★ 2020 → 4★ 2023; p2: 3★ 2023 (year only); p3: 5★ 2024; p4: 3★ 2019 revoked 2022; p5: 4★ 2026. */
const facts: PlanFacts = {
  ...emptyPlanFacts(),
  units: [
    { code: 'tri-ton', name: 'Tri Tôn' },
    { code: 'an-phu', name: 'An Phú' },
  ],
  entities: [
    { id: 'e1', unitCode: 'tri-ton', registeredOn: null, type: 'cooperative' },
    { id: 'e2', unitCode: 'an-phu', registeredOn: null, type: 'enterprise' },
    { id: 'e3', unitCode: 'an-phu', registeredOn: null, type: 'household_business' },
  ],
  products: [
    { id: 'p1', entityId: 'e1', unitCode: 'tri-ton' },
    { id: 'p2', entityId: 'e2', unitCode: 'an-phu' },
    { id: 'p3', entityId: 'e2', unitCode: 'an-phu' },
    { id: 'p4', entityId: 'e3', unitCode: 'an-phu' },
    { id: 'p5', entityId: 'e3', unitCode: 'an-phu' },
  ],
  evaluations: [
    {
      id: 'v1',
      productId: 'p2',
      level: 'province',
      date: factDateFromDay('2023-05-02'),
      stars: 3,
    },
    {
      id: 'v2',
      productId: 'p1',
      level: 'province',
      date: factDateFromDay('2023-06-10'),
      stars: 4,
    },
    {
      id: 'v3',
      productId: 'p4',
      level: 'district',
      date: factDateFromDay('2023-06-10'),
      stars: 3,
    },
  ],
  decisionItems: [
    item('p1', factDateFromDay('2020-08-01'), 3),
    item('p1', factDateFromDay('2023-07-01'), 4),
    item('p2', yearOnly(2023), 3),
    item('p3', factDateFromDay('2024-03-01'), 5),
    item('p4', factDateFromDay('2019-10-01'), 3),
    item('p4', factDateFromDay('2022-01-15'), null, 'revoke'),
    item('p5', factDateFromDay('2026-02-01'), 4),
  ],
  activities: [
    {
      id: 'a1',
      kind: 'trade_promotion',
      date: factDateFromDay('2023-09-09'),
      entityIds: ['e2'],
      productIds: [],
      unitCode: 'an-phu',
      sample: true,
    },
  ],
};

describe('products certified with one star level in the period', () => {
  it('counts first certifications and re-certifications alike, and year-only records', () => {
    expect(computeMetric('products_certified_3star', facts, year2023, '2023-12-31')).toEqual({
      shape: 'count',
      value: 1,
      counted: ['p2'],
      yearOnlyRecords: 1,
      sampleRecords: 0,
    });
    expect(computeMetric('products_certified_4star', facts, year2023, '2023-12-31')).toMatchObject({
      value: 1,
      counted: ['p1'],
    });
    // A year-only record counts from 31 December only.
    expect(computeMetric('products_certified_3star', facts, year2023, '2023-12-30')).toMatchObject({
      value: 0,
    });
  });
});

describe('cumulative programme counts', () => {
  it('counts every product certified 3★+ since before the programme, up to the period end', () => {
    expect(
      computeMetric('products_certified_cumulative', facts, programme, '2025-12-31'),
    ).toMatchObject({ value: 4, counted: ['p1', 'p2', 'p3', 'p4'] });
    // p5 is certified after the period end; as of mid-2023 p3 is not yet certified.
    expect(
      computeMetric('products_certified_cumulative', facts, programme, '2026-06-30'),
    ).toMatchObject({ value: 4 });
    expect(
      computeMetric('products_certified_cumulative', facts, programme, '2023-07-01'),
    ).toMatchObject({ value: 2, counted: ['p1', 'p4'] });
  });

  it('counts 5★ products cumulatively', () => {
    expect(
      computeMetric('five_star_products_cumulative', facts, programme, '2024-02-29'),
    ).toMatchObject({ value: 0 });
    expect(
      computeMetric('five_star_products_cumulative', facts, programme, '2025-12-31'),
    ).toMatchObject({ value: 1, counted: ['p3'] });
  });
});

describe('shares', () => {
  it('gives the share of certified entities of a type', () => {
    expect(
      computeMetric('entities_cooperative_share', facts, programme, '2025-12-31'),
    ).toMatchObject({ numerator: 1, denominator: 3, counted: ['e1'], base: ['e1', 'e2', 'e3'] });
    expect(
      computeMetric('entities_enterprise_share', facts, programme, '2025-12-31'),
    ).toMatchObject({ numerator: 1, denominator: 3, counted: ['e2'] });
  });

  it('gives the share of products certified in the period that were upgraded in it', () => {
    // Base: p1 (4★ 2023), p2 (3★ 2023), p3 (5★ 2024); p1 rose from 3★ to 4★ in 2023.
    expect(computeMetric('products_upgraded_share', facts, programme, '2025-12-31')).toMatchObject({
      numerator: 1,
      denominator: 3,
      counted: ['p1'],
      base: ['p1', 'p2', 'p3'],
    });
  });
});

describe('per-unit and activity counts of the 2020 plan', () => {
  it('counts products evaluated at provincial level per unit, listing units with none', () => {
    expect(
      computeMetric('products_provincial_evaluation_per_unit', facts, year2023, '2023-12-31'),
    ).toMatchObject({
      perUnit: [
        { unitCode: 'tri-ton', value: 1, counted: ['p1'] },
        { unitCode: 'an-phu', value: 1, counted: ['p2'] },
      ],
      unassigned: [],
    });
  });

  it('counts products reached by a support activity, reporting sample records', () => {
    expect(
      computeMetric('products_with_support_activity', facts, year2023, '2023-12-31'),
    ).toMatchObject({ value: 2, counted: ['p2', 'p3'], sampleRecords: 1 });
  });
});

describe('a target without a data source', () => {
  it('is not computed and says so', () => {
    const target: PlanTarget = {
      code: 'P6-SHOWROOM-PER-DISTRICT',
      kind: 'each_unit_at_least',
      labelVi: 'Mỗi huyện có ít nhất 1 điểm giới thiệu và bán sản phẩm OCOP',
      labelEn: 'At least one OCOP showroom per district-level unit',
      definition: 'OCOP showrooms per unit',
      definitionVi: null,
      target: 1,
      targetMax: null,
      unitLabel: 'sales points',
      scope: 'each district-level unit',
      owner: 'UBND-HUYEN',
      metric: 'no_data_source',
      period: programme,
    };
    const progress = computeTargetProgress(target, facts, '2024-06-30');
    expect(progress).toMatchObject({
      actual: null,
      noData: true,
      noDataSource: true,
      // linear-pace-v2 (issue 9): its own status, never "not started".
      status: 'no_data_source',
      statusReasonCode: 'no_data_source',
      met: false,
    });
    expect(progress.statusReason).toMatch(/^No data source/);
  });
});
