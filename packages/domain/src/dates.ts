/**
 * Calendar dates as plain 'YYYY-MM-DD' strings. Strings compare correctly, survive JSON and
 * carry no time zone, which matters because OCOP decisions are dated by day, not by instant.
 */
import { DomainError } from './errors.js';

/** A calendar date 'YYYY-MM-DD' (validated by {@link parseIsoDate}). */
export type IsoDate = string;

/** How precisely a source dates a fact: many An Giang records give only a year. */
export type DatePrecision = 'day' | 'month' | 'year';

/**
 * A date as the source gives it. Month- and year-only dates are stored as the LAST day of the
 * month/year (an as-of query counts a year-only record from the end of that year, README "Facts,
 * definitions and sources"), so `date <= asOf` is the whole as-of rule.
 */
export interface FactDate {
  date: IsoDate;
  precision: DatePrecision;
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for Gregorian leap years (2020, 2024; not 2100). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function toIso(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new DomainError('INVALID_DATE', `Year ${year} is not a valid year`, {
      value: String(year),
    });
  }
}

type IsoParts = Readonly<{ year: number; month: number; day: number }>;

/**
 * Dates already split and validated. Facts carry a few thousand distinct days, and rules compare
 * them again and again (a product's star history at every month end of a five-year programme
 * trend: millions of comparisons); matching the pattern once per string took a third of that
 * computation. Cleared when it grows past the bound.
 */
const knownParts = new Map<string, IsoParts>();
const KNOWN_PARTS_MAX = 50_000;

/** Splits a valid ISO date into numbers; throws INVALID_DATE otherwise. */
export function isoParts(value: IsoDate): IsoParts {
  const known = knownParts.get(value);
  if (known) return known;
  const parts = splitIsoDate(value);
  if (knownParts.size >= KNOWN_PARTS_MAX) knownParts.clear();
  knownParts.set(value, parts);
  return parts;
}

function splitIsoDate(value: IsoDate): IsoParts {
  const match = typeof value === 'string' ? ISO_PATTERN.exec(value) : null;
  if (!match) {
    throw new DomainError(
      'INVALID_DATE',
      `"${String(value)}" is not a date in the form YYYY-MM-DD`,
      {
        value: String(value),
      },
    );
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DomainError('INVALID_DATE', `"${value}" is not a real calendar date`, { value });
  }
  return Object.freeze({ year, month, day });
}

/** Validates a 'YYYY-MM-DD' string (real calendar day, e.g. no 2021-02-29); throws INVALID_DATE. */
export function parseIsoDate(value: string): IsoDate {
  isoParts(value);
  return value;
}

/** A year-only fact, stored as 31 December of that year (as-of rule: counts from the year's end). */
export function factDateFromYear(year: number): FactDate {
  assertYear(year);
  return { date: toIso(year, 12, 31), precision: 'year' };
}

/**
 * A year-only fact that a source shows existed by `bound` (e.g. its certificates were handed over
 * that day): stored as the bound, the latest day it can have happened, so the as-of rule counts it
 * from there instead of from 31 December. A bound outside the year is ignored.
 */
export function factDateFromYearBoundedBy(year: number, bound: IsoDate | null): FactDate {
  const yearEnd = factDateFromYear(year);
  if (bound === null || isoParts(bound).year !== year) return yearEnd;
  return { date: bound, precision: 'year' };
}

/**
 * True when a month- or year-only fact is stored at an earlier bound than its period's last day
 * ("2021, on or before 22/04/2021").
 */
export function isBoundedFact(fact: FactDate): boolean {
  if (fact.precision === 'day') return false;
  const { year, month, day } = isoParts(fact.date);
  if (fact.precision === 'year') return month !== 12 || day !== 31;
  return day !== daysInMonth(year, month);
}

/** A month-only fact, stored as the last day of that month. */
export function factDateFromMonth(year: number, month: number): FactDate {
  assertYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new DomainError('INVALID_DATE', `Month ${month} is not between 1 and 12`, {
      value: String(month),
    });
  }
  return { date: toIso(year, month, daysInMonth(year, month)), precision: 'month' };
}

/** A fact dated to the day. */
export function factDateFromDay(iso: string): FactDate {
  return { date: parseIsoDate(iso), precision: 'day' };
}

/**
 * Adds calendar months; when the target month is shorter the result is its last day
 * (2021-01-31 + 1 → 2021-02-28; 2020-02-29 + 36 → 2023-02-28). This is the month-end rule of
 * the Civil Code 2015, art. 148(1): "nếu tháng kết thúc thời hạn không có ngày tương ứng thì
 * thời hạn kết thúc vào ngày cuối cùng của tháng đó". Negative `months` go back.
 */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) {
    throw new DomainError('INVALID_DATE', `Cannot add ${months} months: not a whole number`, {
      value: String(months),
    });
  }
  const { year, month, day } = isoParts(iso);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  assertYear(newYear);
  return toIso(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

function toEpochDay(iso: IsoDate): number {
  const { year, month, day } = isoParts(iso);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Adds (or with a negative number subtracts) whole days. */
export function addDays(iso: IsoDate, days: number): IsoDate {
  const date = new Date((toEpochDay(iso) + days) * MS_PER_DAY);
  return toIso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** -1, 0 or 1 as `a` is before, equal to or after `b` (both validated). */
export function compareIso(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  isoParts(a);
  isoParts(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from `from` to `to` (positive when `to` is later): 2021-01-01 → 2021-01-31 is 30. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The year of an ISO date. */
export function yearOf(iso: IsoDate): number {
  return isoParts(iso).year;
}

/** Vietnamese-style label at the fact's own precision: '2021', '04/2021', '22/04/2021'. */
export function formatFactDate(fact: FactDate): string {
  const { year, month, day } = isoParts(fact.date);
  if (isBoundedFact(fact)) {
    const period = fact.precision === 'year' ? pad(year, 4) : `${pad(month, 2)}/${pad(year, 4)}`;
    return `${period} (≤ ${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)})`;
  }
  if (fact.precision === 'year') return pad(year, 4);
  if (fact.precision === 'month') return `${pad(month, 2)}/${pad(year, 4)}`;
  return `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}`;
}

/**
 * The as-of rule (README, "Facts, definitions and sources"): a fact counts on `asOf` when its
 * stored date is on or before
 * it, so a year-only 2021 record counts only from 2021-12-31.
 */
export function factCountsOn(fact: FactDate, asOf: IsoDate): boolean {
  return compareIso(fact.date, asOf) <= 0;
}

/** An Giang's time zone (UTC+7, no daylight saving). */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * One formatter per zone, built on first use: building an Intl.DateTimeFormat costs far more than
 * formatting with it, and every API request asks for today's date. Unknown zones throw here and
 * are not kept.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar date at instant `now` in an IANA time zone, e.g. 2021-04-21T18:00Z is
 * '2021-04-22' in Asia/Ho_Chi_Minh. Throws INVALID_DATE for an unknown zone or an invalid instant.
 */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  if (Number.isNaN(now.getTime())) {
    throw new DomainError('INVALID_DATE', 'Cannot take the date of an invalid instant', {
      value: String(now),
    });
  }
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = dayFormatter(timeZone).formatToParts(now);
  } catch {
    throw new DomainError('INVALID_DATE', `"${timeZone}" is not a known time zone`, {
      value: timeZone,
    });
  }
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return toIso(part('year'), part('month'), part('day'));
}

/** Vietnam's offset from UTC: UTC+7 all year, with no daylight saving, since 1975. */
const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

/**
 * Today in An Giang: a decision dated today there counts today, whatever the server's zone. The
 * same day as todayIn(VIETNAM_TIME_ZONE, now) (a test compares them hour by hour), from the fixed
 * offset: building the time-zone formatter costs a phone about 50 ms of its first page load.
 */
export function todayInVietnam(now: Date = new Date()): IsoDate {
  const time = now.getTime();
  if (Number.isNaN(time)) {
    throw new DomainError('INVALID_DATE', 'Cannot take the date of an invalid instant', {
      value: String(now),
    });
  }
  return new Date(time + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
