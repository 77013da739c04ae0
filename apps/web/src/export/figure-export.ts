/**
 * The export of one figure: its chart data plus everything a reader needs to cite it, turned
 * into the SVG of chart-svg.ts and PNGs of the same layout (1200×675 for social cards, 800 px
 * wide for a print column).
 */
import type { FrameData } from '../charts/chart-types';
import {
  buildChartSvg,
  COLUMN_SIZE,
  seriesFromDatasets,
  SOCIAL_SIZE,
  type ExportChart,
} from './chart-svg';
import { svgToPng } from './svg-to-png';

export interface FigureExportInput {
  title: string;
  subtitle: string;
  asOfLine: string;
  /** Source addresses; the image names their publishers (hosts). */
  sources: string[];
  sourceLine: (hosts: string) => string;
  permalink: string;
  siteName: string;
  data: FrameData;
  apartLabels: string[];
  formatValue: (value: number) => string;
}

/** Publisher hosts of the sources, in order, without repeats or "www.". */
export function sourceHosts(urls: readonly string[]): string[] {
  const hosts: string[] = [];
  for (const url of urls) {
    let host: string;
    try {
      host = new URL(url).host.replace(/^www\./, '');
    } catch {
      continue;
    }
    if (!hosts.includes(host)) hosts.push(host);
  }
  return hosts;
}

export function exportChartOf(input: FigureExportInput): ExportChart {
  const categories = (input.data.labels ?? []).map(String);
  return {
    title: input.title,
    subtitle: input.subtitle,
    asOfLine: input.asOfLine,
    sourceLine: input.sourceLine(sourceHosts(input.sources).join(', ')),
    permalink: input.permalink,
    siteName: input.siteName,
    categories,
    apart: categories.map((c) => input.apartLabels.includes(c)),
    series: seriesFromDatasets(input.data.datasets),
    formatValue: input.formatValue,
  };
}

export function figureExport(input: FigureExportInput) {
  const chart = exportChartOf(input);
  return {
    svg: (size = SOCIAL_SIZE) => buildChartSvg(chart, size),
    svgBlob: () => new Blob([buildChartSvg(chart, SOCIAL_SIZE)], { type: 'image/svg+xml' }),
    pngBlob: (kind: 'social' | 'column') => {
      const size = kind === 'social' ? SOCIAL_SIZE : COLUMN_SIZE;
      return svgToPng(buildChartSvg(chart, size), size.width, size.height);
    },
  };
}
