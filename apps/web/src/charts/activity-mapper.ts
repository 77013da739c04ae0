import type { ActivityCount } from '../graphql/departments';
import type { FrameData } from './chart-types';
import { colorAt } from './palette';

/**
 * Activity counts as a stacked bar chart: every month from the first to the last on the axis
 * (a month without activity shows as 0 rather than disappearing),
 * one dataset per activity kind. Labels are produced by the caller so they follow the locale.
 */
export function mapActivityChart(
  counts: ActivityCount[],
  formatMonth: (month: string) => string = (m) => m,
  formatKind: (kind: string) => string = (k) => k,
): FrameData {
  const months = monthRange(counts.map((c) => c.month));
  const kinds = [...new Set(counts.map((c) => c.kind))].sort();
  const totals = new Map<string, number>();
  for (const c of counts)
    totals.set(
      `${c.kind}\u0000${c.month}`,
      (totals.get(`${c.kind}\u0000${c.month}`) ?? 0) + c.count,
    );

  return {
    labels: months.map(formatMonth),
    datasets: kinds.map((kind, i) => ({
      type: 'bar' as const,
      label: formatKind(kind),
      data: months.map((month) => totals.get(`${kind}\u0000${month}`) ?? 0),
      backgroundColor: colorAt(i),
      stack: 'activities',
    })),
  };
}

/** All "YYYY-MM" months from the earliest to the latest given, in order. */
export function monthRange(months: readonly string[]): string[] {
  const valid = months.filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  const first = valid[0];
  const last = valid.at(-1);
  if (!first || !last) return [];
  const out: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (let guard = 0; guard < 600; guard++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}
