import { describe, expect, it } from 'vitest';
import { cumulativeSeries, publishedNumber, quarterOf, yearsWithPlans } from './programme';

describe('programme view shaping', () => {
  it('lists every year from 2020 to 2025, 2024 without a plan of its own', () => {
    const plans = [
      { id: '5', year: 2025, programme: false, periodEnd: '2025-12-31' },
      { id: '1', year: 2021, programme: false, periodEnd: '2021-12-31' },
      { id: '6', year: 2021, programme: true, periodEnd: '2025-12-31' },
      { id: '2', year: 2020, programme: false, periodEnd: '2020-12-31' },
    ];
    const rows = yearsWithPlans(plans);
    expect(rows.map((r) => [r.year, r.plans.map((p) => p.id)])).toEqual([
      [2020, ['2']],
      [2021, ['1']],
      [2022, []],
      [2023, []],
      [2024, []],
      [2025, ['5']],
    ]);
  });

  it('reads published values that are plain numbers only', () => {
    expect(publishedNumber('184')).toBe(184);
    expect(publishedNumber('50-70')).toBeNull();
    expect(publishedNumber('35 (min)')).toBeNull();
    expect(quarterOf('2024-11-30')).toBe('2024-Q4');
    expect(quarterOf('2023-03-31')).toBe('2023-Q1');
  });

  it('keeps quarter ends of the trend and places the latest published total of each quarter', () => {
    const trend = ['2021-01-31', '2021-02-28', '2021-03-31', '2021-04-30', '2021-05-31'].map(
      (date, i) => ({ date, actual: 27 + i, target: 170 }),
    );
    const series = cumulativeSeries(trend, [
      { value: '62', date: { value: '2021-02-10' } },
      { value: '64', date: { value: '2021-03-20' } },
      { value: '50-70', date: { value: '2021-05-01' } },
      { value: '99', date: null },
    ]);
    expect(series).toEqual({
      quarters: ['2021-Q1', '2021-Q2'],
      actual: [29, 31],
      goal: [170, 170],
      published: [64, null],
    });
  });
});
