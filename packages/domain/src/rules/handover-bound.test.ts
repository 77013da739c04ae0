import { describe, expect, it } from 'vitest';
import { handoverBound } from './handover-bound.js';
import { factDateFromYearBoundedBy, formatFactDate, isBoundedFact } from '../dates.js';

describe('handoverBound', () => {
  it('reads the hand-over day of round 1/2021 (data/seed/products-2020-2021.csv)', () => {
    expect(
      handoverBound(
        'đợt 1/2021 (HĐ tỉnh họp 7/4/2021; TB 03/TB-HĐĐGPHSP 14/4/2021; trao GCN 22/4/2021)',
      ),
    ).toBe('2021-04-22');
    expect(handoverBound('trao giấy chứng nhận ngày 5/1/2022')).toBe('2022-01-05');
  });

  it('gives null without a hand-over day or for an unreal one', () => {
    expect(handoverBound('đợt 1/2020 (HĐ tỉnh họp 11/3/2020)')).toBeNull();
    expect(handoverBound('trao GCN 31/2/2021')).toBeNull();
    expect(handoverBound(null)).toBeNull();
  });
});

describe('bounded year-only dates', () => {
  it('stores the bound, counts from it and labels it', () => {
    const fact = factDateFromYearBoundedBy(2021, '2021-04-22');
    expect(fact).toEqual({ date: '2021-04-22', precision: 'year' });
    expect(isBoundedFact(fact)).toBe(true);
    expect(formatFactDate(fact)).toBe('2021 (≤ 22/04/2021)');
  });

  it('ignores a bound outside the year and keeps 31 December', () => {
    const fact = factDateFromYearBoundedBy(2021, '2022-01-05');
    expect(fact).toEqual({ date: '2021-12-31', precision: 'year' });
    expect(isBoundedFact(fact)).toBe(false);
    expect(formatFactDate(fact)).toBe('2021');
  });
});
