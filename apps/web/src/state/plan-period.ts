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

/** A plan's identity and period, as the plan list gives it. */
export interface PlanPeriodInfo {
  id: string;
  year: number;
  programme: boolean;
  periodStart: string;
  periodEnd: string;
}

/**
 * The plans whose period touches `year`, in the API's order (a year's own plan before a programme
 * starting that year): 2021 → plan 152 and the 2021–2025 programme; 2024 → the programme only.
 */
export function plansCovering<P extends PlanPeriodInfo>(plans: readonly P[], year: number): P[] {
  return plans.filter(
    (p) => Number(p.periodStart.slice(0, 4)) <= year && year <= Number(p.periodEnd.slice(0, 4)),
  );
}

/**
 * The options of a year selector: the years the API lists (planYears), plus the year being shown
 * when it is not among them (a link to an old year keeps a consistent selector), ascending.
 */
export function yearOptions(years: readonly number[], current?: number | null): number[] {
  const all = new Set(years);
  if (current != null) all.add(current);
  return [...all].sort((a, b) => a - b);
}

/** The `plan` query parameter: a plan id (digits), or null. */
export function parsePlanId(value: unknown): string | null {
  return typeof value === 'string' && /^\d{1,12}$/.test(value) ? value : null;
}
