import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { intervalBuckets, runningTotals } from './intervals.js';

describe('intervalBuckets', () => {
  it('gives every month touching the range, with its last day (leap February)', () => {
    const months = intervalBuckets('2020-01-15', '2020-03-02', 'month');
    expect(months).toEqual([
      { start: '2020-01-01', end: '2020-01-31', label: '2020-01' },
      { start: '2020-02-01', end: '2020-02-29', label: '2020-02' },
      { start: '2020-03-01', end: '2020-03-31', label: '2020-03' },
    ]);
    expect(intervalBuckets('2020-01-01', '2021-12-31', 'month')).toHaveLength(24);
  });

  it('aligns quarters and years to the calendar', () => {
    expect(intervalBuckets('2021-02-10', '2021-07-01', 'quarter').map((b) => b.label)).toEqual([
      '2021-Q1',
      '2021-Q2',
      '2021-Q3',
    ]);
    expect(intervalBuckets('2021-02-10', '2021-07-01', 'quarter')[1]).toEqual({
      start: '2021-04-01',
      end: '2021-06-30',
      label: '2021-Q2',
    });
    expect(intervalBuckets('2019-08-21', '2025-12-31', 'year').map((b) => b.label)).toEqual([
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
    ]);
  });

  it('refuses a reversed or too long range', () => {
    expect(() => intervalBuckets('2021-02-01', '2021-01-01', 'month')).toThrow(DomainError);
    expect(() => intervalBuckets('1990-01-01', '2030-01-01', 'month')).toThrow(/more than 400/);
  });

  it('sums counts into a running total', () => {
    expect(runningTotals([0, 3, 0, 2])).toEqual([0, 3, 3, 5]);
  });
});
