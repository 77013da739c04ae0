/** The answer of `/<view>/data.json` (apps/api/src/http/data-endpoints.ts) and its chart. */
import type { FrameData } from '../charts/chart-types';
import { colorAt } from '../charts/palette';
import { UNKNOWN_BAR_COLOR } from '../export/chart-svg';

export interface ViewData {
  title: string;
  definition: string;
  asOf: string;
  basis: string | null;
  permalink: string;
  site: string;
  sources: { url: string; title: string | null; host: string }[];
  columns: string[];
  rows: (string | number | null)[][];
  footer: (string | number | null)[][];
  apart: string[];
}

/** Embeddable views: only those whose table is "label, count". */
export const EMBED_VIEWS = ['figures'] as const;

export function embedChart(data: ViewData): FrameData {
  return {
    labels: data.rows.map((r) => String(r[0] ?? '')),
    datasets: [
      {
        type: 'bar',
        label: data.columns[1] ?? '',
        data: data.rows.map((r) => (typeof r[1] === 'number' ? r[1] : 0)),
        backgroundColor: data.rows.map((r) =>
          data.apart.includes(String(r[0])) ? UNKNOWN_BAR_COLOR : colorAt(0),
        ),
      },
    ],
  };
}
