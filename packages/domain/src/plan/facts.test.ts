import { describe, expect, it } from 'vitest';
import { factDateFromDay, factDateFromMonth, factDateFromYear } from '../dates.js';
import { factInWindow, previousYearOf, YearOnlyTally } from './facts.js';

const PERIOD_2021 = { start: '2021-01-01', end: '2021-12-31' };

describe('factInWindow', () => {
  it('needs the fact inside the period and on or before the as-of date', () => {
    expect(factInWindow(factDateFromDay('2021-04-22'), PERIOD_2021, '2021-04-22')).toBe(true);
    expect(factInWindow(factDateFromDay('2021-04-22'), PERIOD_2021, '2021-04-21')).toBe(false);
    expect(factInWindow(factDateFromDay('2020-12-31'), PERIOD_2021, '2021-06-30')).toBe(false);
    expect(factInWindow(factDateFromDay('2022-01-01'), PERIOD_2021, '2022-06-30')).toBe(false);
  });

  it('counts a month-only fact from the month end and a year-only fact from the year end', () => {
    expect(factInWindow(factDateFromMonth(2021, 12), PERIOD_2021, '2021-12-30')).toBe(false);
    expect(factInWindow(factDateFromMonth(2021, 12), PERIOD_2021, '2021-12-31')).toBe(true);
    expect(factInWindow(factDateFromYear(2021), PERIOD_2021, '2021-12-30')).toBe(false);
    expect(factInWindow(factDateFromYear(2021), PERIOD_2021, '2022-03-01')).toBe(true);
  });
});

describe('previousYearOf', () => {
  it('gives 2020 for the 2021 plan', () => {
    expect(previousYearOf(PERIOD_2021)).toEqual({ start: '2020-01-01', end: '2020-12-31' });
  });
});

describe('YearOnlyTally', () => {
  it('counts distinct year-only records and ignores precise ones', () => {
    const tally = new YearOnlyTally();
    tally.note('decision:q1:a', factDateFromYear(2021));
    tally.note('decision:q1:a', factDateFromYear(2021));
    tally.note('decision:q2:b', factDateFromDay('2021-04-22'));
    tally.note('evaluation:v1', factDateFromMonth(2021, 4));
    expect(tally.count).toBe(1);
  });

  it('notes decision items and evaluations under the keys note() is given for them', () => {
    const tally = new YearOnlyTally();
    tally.note('decision:q1:a', factDateFromYear(2021));
    tally.noteDecisionItem('q1', 'a', factDateFromYear(2021));
    tally.noteDecisionItem('q1', 'b', factDateFromYear(2021));
    tally.noteDecisionItem('q2', 'a', factDateFromDay('2021-04-22'));
    tally.note('evaluation:v1', factDateFromYear(2021));
    tally.noteEvaluation('v1', factDateFromYear(2021));
    tally.noteEvaluation('v2', factDateFromMonth(2021, 4));
    tally.noteActivity({ id: 'x1', date: factDateFromYear(2021), sample: true });
    tally.note('activity:x1', factDateFromYear(2021));
    expect(tally.count).toBe(4);
    expect(tally.sampleCount).toBe(1);
  });
});
