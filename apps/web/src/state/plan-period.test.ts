import { describe, expect, it } from 'vitest';
import { defaultAsOf, parsePlanId, plansCovering, todayIso, yearOptions } from './plan-period';

describe('todayIso', () => {
  it('is the date in An Giang (UTC+7), not the UTC date, like the API', () => {
    // 18:00 UTC on 21 April is already 22 April in Vietnam.
    expect(todayIso(new Date('2021-04-21T18:00:00Z'))).toBe('2021-04-22');
    expect(todayIso(new Date('2021-04-21T16:59:59Z'))).toBe('2021-04-21');
  });

  it('feeds the plan default: a running year stops at today in Vietnam', () => {
    expect(defaultAsOf(2021, todayIso(new Date('2021-06-29T20:00:00Z')))).toBe('2021-06-30');
  });
});

describe('plan selection helpers', () => {
  const plans = [
    { id: '5', year: 2025, programme: false, periodStart: '2025-01-01', periodEnd: '2025-12-31' },
    { id: '1', year: 2021, programme: false, periodStart: '2021-01-01', periodEnd: '2021-12-31' },
    { id: '6', year: 2021, programme: true, periodStart: '2021-01-01', periodEnd: '2025-12-31' },
  ];

  it('finds the plans covering a year: 152 and the programme in 2021, the programme alone in 2024', () => {
    expect(plansCovering(plans, 2021).map((p) => p.id)).toEqual(['1', '6']);
    expect(plansCovering(plans, 2024).map((p) => p.id)).toEqual(['6']);
    expect(plansCovering(plans, 2019)).toEqual([]);
  });

  it('builds year options from planYears and keeps the year being shown', () => {
    expect(yearOptions([2020, 2021, 2025])).toEqual([2020, 2021, 2025]);
    expect(yearOptions([2021, 2020], 2019)).toEqual([2019, 2020, 2021]);
  });

  it('reads a plan id from the URL and refuses anything else', () => {
    expect(parsePlanId('6')).toBe('6');
    expect(parsePlanId('6; drop')).toBeNull();
    expect(parsePlanId(undefined)).toBeNull();
  });
});
