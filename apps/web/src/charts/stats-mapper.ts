import type { StatsRow } from '../graphql/stats';
import type { FrameData } from './chart-types';
import { colorAt } from './palette';
import { UNKNOWN_BAR_COLOR } from '../export/chart-svg';

/**
 * One bar per group of a stats result; `label` names the dataset (the measure). The bucket of
 * records without a value (key null) comes last and grey, so it never reads as the top district.
 */
export function mapStatsChart(
  rows: Pick<StatsRow, 'key' | 'label' | 'count'>[],
  label: string,
  rowLabel: (row: Pick<StatsRow, 'key' | 'label' | 'count'>) => string = (r) => r.label,
): FrameData {
  const ordered = unknownLast(rows);
  return {
    labels: ordered.map(rowLabel),
    datasets: [
      {
        type: 'bar',
        label,
        data: ordered.map((r) => r.count),
        backgroundColor: ordered.map((r) => (r.key === null ? UNKNOWN_BAR_COLOR : colorAt(0))),
      },
    ],
  };
}

/** Known groups in the API's order (largest first), the unknown bucket (key null) last. */
export function unknownLast<T extends { key: string | null }>(rows: readonly T[]): T[] {
  return [...rows.filter((r) => r.key !== null), ...rows.filter((r) => r.key === null)];
}
