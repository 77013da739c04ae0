import { describe, expect, it } from 'vitest';
import {
  addDays,
  todayIn,
  todayInVietnam,
  VIETNAM_TIME_ZONE,
  addMonths,
  compareIso,
  daysBetween,
  factCountsOn,
  factDateFromDay,
  factDateFromMonth,
  factDateFromYear,
  formatFactDate,
  parseIsoDate,
} from './dates.js';
import { DomainError } from './errors.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'NOT_A_DOMAIN_ERROR';
  }
  return undefined;
}

describe('parseIsoDate', () => {
  it('accepts a real calendar day, including 29 February of a leap year', () => {
    expect(parseIsoDate('2021-04-22')).toBe('2021-04-22');
    expect(parseIsoDate('2020-02-29')).toBe('2020-02-29');
  });

  it.each(['2021-02-29', '2021-13-01', '2021-4-22', '22/04/2021', '', '2021-04-31'])(
    'rejects %j with INVALID_DATE',
    (v) => {
      expect(codeOf(() => parseIsoDate(v))).toBe('INVALID_DATE');
    },
  );
});

describe('fact dates', () => {
  it('stores a year-only date as the last day of the year', () => {
    expect(factDateFromYear(2021)).toEqual({ date: '2021-12-31', precision: 'year' });
  });

  it('stores a month-only date as the last day of the month, leap years included', () => {
    expect(factDateFromMonth(2021, 4)).toEqual({ date: '2021-04-30', precision: 'month' });
    expect(factDateFromMonth(2024, 2)).toEqual({ date: '2024-02-29', precision: 'month' });
    expect(codeOf(() => factDateFromMonth(2021, 13))).toBe('INVALID_DATE');
  });

  it('formats each precision the Vietnamese way', () => {
    expect(formatFactDate(factDateFromYear(2021))).toBe('2021');
    expect(formatFactDate(factDateFromMonth(2021, 4))).toBe('04/2021');
    expect(formatFactDate(factDateFromDay('2021-04-22'))).toBe('22/04/2021');
  });

  it('counts a year-only record only from the end of its year', () => {
    const fact = factDateFromYear(2021);
    expect(factCountsOn(fact, '2021-12-30')).toBe(false);
    expect(factCountsOn(fact, '2021-12-31')).toBe(true);
  });
});

describe('addMonths', () => {
  it('lands on the last day of a shorter month', () => {
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2021-03-31', 1)).toBe('2021-04-30');
  });

  it('moves 29 February 2020 by 36 months to 28 February 2023', () => {
    expect(addMonths('2020-02-29', 36)).toBe('2023-02-28');
    expect(addMonths('2020-02-29', 48)).toBe('2024-02-29');
  });

  it('crosses year ends both ways', () => {
    expect(addMonths('2021-11-15', 3)).toBe('2022-02-15');
    expect(addMonths('2021-01-01', -12)).toBe('2020-01-01');
    expect(addMonths('2021-03-31', -1)).toBe('2021-02-28');
  });
});

describe('day arithmetic', () => {
  it('counts whole days and compares dates', () => {
    expect(daysBetween('2021-01-01', '2021-12-31')).toBe(364);
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('2021-03-01', '2021-02-28')).toBe(-1);
    expect(addDays('2023-02-13', -1)).toBe('2023-02-12');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(compareIso('2021-01-01', '2021-01-02')).toBe(-1);
    expect(compareIso('2021-01-02', '2021-01-02')).toBe(0);
    expect(compareIso('2021-01-03', '2021-01-02')).toBe(1);
  });
});

describe('todayIn / todayInVietnam', () => {
  it('gives the Vietnamese date when UTC is still on the previous day', () => {
    // 18:00 UTC on 21 April is 01:00 on 22 April in An Giang (UTC+7).
    expect(todayInVietnam(new Date('2021-04-21T18:00:00Z'))).toBe('2021-04-22');
    expect(todayIn('UTC', new Date('2021-04-21T18:00:00Z'))).toBe('2021-04-21');
  });

  it('keeps the same day before 17:00 UTC and handles the year change', () => {
    expect(todayInVietnam(new Date('2021-04-21T16:59:59Z'))).toBe('2021-04-21');
    expect(todayInVietnam(new Date('2020-12-31T17:00:00Z'))).toBe('2021-01-01');
  });

  it("todayInVietnam's fixed UTC+7 gives the time-zone database's day, hour by hour", () => {
    // Every hour of 1976–1977 and 2020–2027 (leap years, year ends, both sides of 17:00 UTC).
    for (const [from, to] of [
      ['1976-01-01T00:30:00Z', '1978-01-01T00:00:00Z'],
      ['2020-01-01T00:30:00Z', '2028-01-01T00:00:00Z'],
    ] as const) {
      for (let t = Date.parse(from); t < Date.parse(to); t += 3_600_000) {
        const now = new Date(t);
        expect(todayInVietnam(now)).toBe(todayIn(VIETNAM_TIME_ZONE, now));
      }
    }
  });

  it('rejects an unknown time zone and an invalid instant with INVALID_DATE', () => {
    expect(() => todayIn('Mars/Olympus', new Date('2021-04-21T00:00:00Z'))).toThrowError(
      expect.objectContaining({ code: 'INVALID_DATE' }),
    );
    expect(() => todayInVietnam(new Date('not a date'))).toThrowError(
      expect.objectContaining({ code: 'INVALID_DATE' }),
    );
  });
});
