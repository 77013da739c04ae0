import { describe, expect, it } from 'vitest';
import { factDateFromDay, factDateFromYear } from '../dates.js';
import { DomainError } from '../errors.js';
import { emptyPlanFacts, type DecisionItemFact } from './facts.js';
import { computeMetric, getMetric, METRICS } from './metrics.js';

describe('METRICS', () => {
  it('implements the 8 metrics of plan 152 (and those of 2020–2025) with their shapes', () => {
    expect(Object.keys(METRICS)).toHaveLength(18);
    expect(Object.fromEntries(Object.values(METRICS).map((m) => [m.name, m.shape]))).toMatchObject({
      products_first_certified: 'count',
      products_national_evaluation: 'count',
      entities_participating_per_unit: 'per_unit',
      entities_with_provincial_product: 'share',
      provincial_pass_rate: 'share',
      upgrades_of_previous_year: 'count',
      entities_with_capacity_activity: 'share',
      previous_year_4star_standardised: 'share',
    });
  });

  it('rejects an unknown metric with UNKNOWN_METRIC', () => {
    try {
      getMetric('products_sold');
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe('UNKNOWN_METRIC');
    }
  });
});

describe('entities_participating_per_unit', () => {
  it('reports entities outside the tracked units as unassigned', () => {
    const outcome = computeMetric(
      'entities_participating_per_unit',
      {
        ...emptyPlanFacts(),
        units: [{ code: 'tri-ton', name: 'Tri Tôn' }],
        entities: [
          { id: 'e1', unitCode: 'tri-ton', registeredOn: factDateFromDay('2021-05-01') },
          { id: 'e2', unitCode: null, registeredOn: factDateFromDay('2021-05-01') },
          { id: 'e3', unitCode: 'kien-giang-x', registeredOn: factDateFromDay('2021-05-01') },
        ],
      },
      { start: '2021-01-01', end: '2021-12-31' },
      '2021-12-31',
    );
    expect(outcome).toEqual({
      shape: 'per_unit',
      perUnit: [{ unitCode: 'tri-ton', value: 1, counted: ['e1'] }],
      unassigned: ['e2', 'e3'],
      yearOnlyRecords: 0,
      sampleRecords: 0,
    });
  });
});

const PERIOD_2021 = { start: '2021-01-01', end: '2021-12-31' };

function item(
  decisionId: string,
  productId: string,
  day: string,
  stars: number | null,
  action: 'recognise' | 'revoke' = 'recognise',
): DecisionItemFact {
  return {
    decisionId,
    productId,
    date: factDateFromDay(day),
    issuingLevel: 'province',
    stars,
    action,
  };
}

describe('upgrades_of_previous_year', () => {
  it('counts a 2020 product whose stars rose in 2021, not one recognised again without stars, revoked or raised after asOf', () => {
    const outcome = computeMetric(
      'upgrades_of_previous_year',
      {
        ...emptyPlanFacts(),
        decisionItems: [
          item('q1', '9', '2020-05-01', 3),
          item('q1', '10', '2020-05-01', 3),
          item('q1', 'unknown', '2020-05-01', 3),
          item('q1', 'revoked', '2020-05-01', 3),
          item('q1', 'late', '2020-05-01', 3),
          item('q2', '10', '2021-03-01', 4),
          item('q2', '9', '2021-03-01', 5),
          item('q2', 'unknown', '2021-03-01', null),
          item('q2', 'revoked', '2021-03-01', null, 'revoke'),
          item('q3', 'late', '2021-11-01', 4),
          item('q3', 'new', '2021-03-01', 4),
        ],
      },
      PERIOD_2021,
      '2021-10-31',
    );
    expect(outcome).toMatchObject({ shape: 'count', value: 2, counted: ['10', '9'] });
  });
});

describe('products_first_certified', () => {
  it('takes each product’s earliest certifying item, the first recorded on a tie', () => {
    const facts = {
      ...emptyPlanFacts(),
      decisionItems: [
        { ...item('q1', 'b', '2021-12-31', 3), date: factDateFromYear(2021) },
        item('q2', 'b', '2021-12-31', 4),
        item('q3', 'a', '2021-06-01', 3),
        item('q4', 'a', '2021-02-01', 2),
        item('q5', 'c', '2020-06-01', 3),
        item('q6', 'c', '2021-06-01', 4),
      ],
    };
    expect(computeMetric('products_first_certified', facts, PERIOD_2021, '2021-12-31')).toEqual({
      shape: 'count',
      value: 2,
      counted: ['a', 'b'],
      // q1's item of b, recorded first on the same day, is the one counted (year-only).
      yearOnlyRecords: 1,
      sampleRecords: 0,
    });
  });
});

describe('entities_participating_per_unit, order', () => {
  it('lists each unit’s entities and the unassigned ones sorted as strings', () => {
    const registered = factDateFromDay('2021-05-01');
    const outcome = computeMetric(
      'entities_participating_per_unit',
      {
        ...emptyPlanFacts(),
        units: [
          { code: 'u2', name: 'U2' },
          { code: 'u1', name: 'U1' },
        ],
        entities: ['9', '10', '2', '11', '1'].map((id, i) => ({
          id,
          unitCode: ['u1', 'u2', null, 'u1', 'u1'][i]!,
          registeredOn: registered,
        })),
        products: [{ id: 'p', entityId: '3', unitCode: 'u2' }],
        evaluations: [{ id: 'v', productId: 'p', level: 'province', date: registered, stars: 3 }],
      },
      PERIOD_2021,
      '2021-12-31',
    );
    expect(outcome).toMatchObject({
      perUnit: [
        { unitCode: 'u2', value: 2, counted: ['10', '3'] },
        { unitCode: 'u1', value: 3, counted: ['1', '11', '9'] },
      ],
      unassigned: ['2'],
    });
  });
});
