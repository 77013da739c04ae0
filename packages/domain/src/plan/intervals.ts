/**
 * Calendar intervals of a time series (month, quarter, year): every interval touching
 * [from, to], each with its first and last day, so a series has one point per interval —
 * including the intervals where nothing happened (zero, never a gap).
 */
import { daysInMonth, isoParts, parseIsoDate, type IsoDate } from '../dates.js';
import { DomainError } from '../errors.js';

export type SeriesInterval = 'month' | 'quarter' | 'year';

/** One interval of a series. `label`: "2021-03", "2021-Q1" or "2021". */
export interface IntervalBucket {
  start: IsoDate;
  end: IsoDate;
  label: string;
}

/** At most this many intervals per series (33 years of months). */
export const MAX_SERIES_INTERVALS = 400;

const MONTHS: Record<SeriesInterval, number> = { month: 1, quarter: 3, year: 12 };
const pad = (n: number) => String(n).padStart(2, '0');

/** The intervals covering from..to (both inclusive); INVALID_RANGE when from > to or too many. */
export function intervalBuckets(
  from: IsoDate,
  to: IsoDate,
  interval: SeriesInterval,
): IntervalBucket[] {
  parseIsoDate(from);
  parseIsoDate(to);
  if (from > to)
    throw new DomainError('INVALID_RANGE', `from ${from} is after to ${to}`, { field: 'from' });
  const step = MONTHS[interval];
  const start = isoParts(from);
  const end = isoParts(to);
  let year = start.year;
  let month = Math.floor((start.month - 1) / step) * step + 1;
  const buckets: IntervalBucket[] = [];
  while (year < end.year || (year === end.year && month <= end.month)) {
    const lastMonth = month + step - 1;
    const label =
      interval === 'year'
        ? String(year)
        : interval === 'quarter'
          ? `${year}-Q${(month - 1) / 3 + 1}`
          : `${year}-${pad(month)}`;
    buckets.push({
      start: `${year}-${pad(month)}-01`,
      end: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
      label,
    });
    if (buckets.length > MAX_SERIES_INTERVALS)
      throw new DomainError(
        'INVALID_RANGE',
        `from ${from} to ${to} gives more than ${MAX_SERIES_INTERVALS} intervals`,
        { field: 'to' },
      );
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return buckets;
}

/** Running totals of per-interval counts (a cumulative series from interval counts). */
export function runningTotals(counts: readonly number[]): number[] {
  let sum = 0;
  return counts.map((c) => (sum += c));
}
