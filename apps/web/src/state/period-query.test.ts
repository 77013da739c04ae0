import { describe, expect, it } from 'vitest';
import { periodQuery } from './period-query';

describe('periodQuery', () => {
  it('keeps language, year, plan and as-of day and drops the rest', () => {
    expect(
      periodQuery({
        lang: 'en',
        year: '2021',
        plan: '3',
        asOf: '2021-06-30',
        unit: 'tri-ton',
        q: 'x',
      }),
    ).toEqual({ lang: 'en', year: '2021', plan: '3', asOf: '2021-06-30' });
  });

  it('takes the first of repeated values and skips empty ones', () => {
    expect(periodQuery({ year: ['2022', '2021'], asOf: '', plan: null })).toEqual({ year: '2022' });
  });
});
