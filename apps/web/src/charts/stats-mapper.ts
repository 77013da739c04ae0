import type { StatsRow } from '../graphql/stats';
import type { FrameData } from './chart-types';
import { colorAt } from './palette';

/** One bar per group of a stats result; `label` names the dataset (the measure). */
export function mapStatsChart(
  rows: StatsRow[],
  label: string,
  rowLabel: (row: StatsRow) => string = (r) => r.label,
): FrameData {
  return {
    labels: rows.map(rowLabel),
    datasets: [{ type: 'bar', label, data: rows.map((r) => r.count), backgroundColor: colorAt(0) }],
  };
}
