import type { FrameData, FrameTable } from './chart-types';

/** The accessible fallback: one row per category, one column per dataset. */
export function chartToTable(data: FrameData, categoryHeader: string): FrameTable {
  const labels = data.labels ?? [];
  return {
    columns: [categoryHeader, ...data.datasets.map((ds, i) => ds.label ?? `#${i + 1}`)],
    rows: labels.map((label, row) => ({
      label: String(label),
      values: data.datasets.map((ds) => {
        const value = ds.data[row];
        return typeof value === 'number' && Number.isFinite(value) ? value : null;
      }),
    })),
  };
}
