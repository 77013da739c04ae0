import { describe, expect, it } from 'vitest';
import { factDateFromDay } from '../dates.js';
import { DomainError } from '../errors.js';
import { emptyPlanFacts } from './facts.js';
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
