import { INTL_TAGS, type Locale } from './index';

/** Locale-aware formatting through Intl. Dates are "YYYY-MM-DD" strings and are formatted in UTC so they never shift a day. */
export function formatNumber(locale: Locale, value: number, maxFractionDigits = 1): string {
  return new Intl.NumberFormat(INTL_TAGS[locale], {
    maximumFractionDigits: maxFractionDigits,
  }).format(value);
}

/** `ratio` is a fraction (0.8 → "80%"). */
export function formatPercent(locale: Locale, ratio: number, maxFractionDigits = 1): string {
  return new Intl.NumberFormat(INTL_TAGS[locale], {
    style: 'percent',
    maximumFractionDigits: maxFractionDigits,
  }).format(ratio);
}

export function parseIsoDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(locale: Locale, value: string): string {
  const date = parseIsoDate(value);
  if (!date) return value;
  return new Intl.DateTimeFormat(INTL_TAGS[locale], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** "2021-04" → "04/2021" / "Apr 2021". */
export function formatMonth(locale: Locale, value: string): string {
  const date = parseIsoDate(`${value}-01`);
  if (!date) return value;
  const options: Intl.DateTimeFormatOptions =
    locale === 'vi'
      ? { month: '2-digit', year: 'numeric', timeZone: 'UTC' }
      : { month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(INTL_TAGS[locale], options).format(date);
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number | null {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return null;
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}
