import type { ActivityCount } from '../graphql/departments';
import type { FrameData } from './chart-types';
import { colorAt } from './palette';

/**
 * Activity counts as a stacked bar chart: months on the axis (sorted, gaps filled with 0),
 * one dataset per activity kind. Labels are produced by the caller so they follow the locale.
 */
export function mapActivityChart(
  counts: ActivityCount[],
  formatMonth: (month: string) => string = (m) => m,
  formatKind: (kind: string) => string = (k) => k,
): FrameData {
  const months = [...new Set(counts.map((c) => c.month))].sort();
  const kinds = [...new Set(counts.map((c) => c.kind))].sort();
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(`${c.kind}\u0000${c.month}`, (totals.get(`${c.kind}\u0000${c.month}`) ?? 0) + c.count);

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
