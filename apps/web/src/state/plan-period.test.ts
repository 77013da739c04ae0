import { describe, expect, it } from 'vitest';
import { defaultAsOf, todayIso } from './plan-period';

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
