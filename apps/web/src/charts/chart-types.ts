import type { ChartData } from 'chart.js';

/** The chart kinds ChartFrame supports: bars, optionally mixed with a line (thresholds). */
export type FrameChartType = 'bar' | 'line';
export type FrameData = ChartData<FrameChartType, number[], string>;

export interface FrameTable {
  columns: string[];
  rows: { label: string; values: (number | null)[] }[];
}
