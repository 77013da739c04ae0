/** Pure rules for the year and as-of date carried in the URL query (`?year=2021&asOf=2021-06-30`). */
import { defaultAsOf as domainDefaultAsOf, todayInVietnam } from '@ocop/domain';

export const DEFAULT_PLAN_YEAR = 2021;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Today in An Giang (Asia/Ho_Chi_Minh), the same domain rule the API uses, not the UTC date. */
export function todayIso(now: Date = new Date()): string {
  return todayInVietnam(now);
}

export function parseYear(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) return null;
  return Number(value);
}

/** Without an explicit date, a plan year is shown as of its last day, or today while it is running (domain rule). */
export function defaultAsOf(year: number, today: string = todayIso()): string {
  return domainDefaultAsOf(`${year}-12-31`, today);
}
