/**
 * A chart that travels: an SVG built from the chart's data with its title, subtitle (the
 * definition), as-of date, basis, source line (publisher hosts), permalink and the site name, so
 * a copied image still says what it counts, when, and where it comes from. Horizontal bars keep
 * long unit and group names readable. Sizes: 1200×675 (social cards) and 800 px wide (a print
 * column); text keeps the same pixel size in both, so the narrow one stays legible.
 * Text is real <text> (testable, selectable); the PNG is this SVG drawn on a canvas (svg-to-png.ts).
 */
import { OKABE_ITO, REFERENCE_COLOR } from '../charts/palette';

export const UNKNOWN_BAR_COLOR = '#8a8a8a';

export interface ExportSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** A reference value drawn as a dashed line across the bars (thresholds). */
  reference?: boolean;
}

export interface ExportChart {
  title: string;
  subtitle: string;
  /** "Tính đến ngày 31/12/2021 · Từng được công nhận" — already formatted for the reader. */
  asOfLine: string;
  /** "Nguồn: baoangiang.com.vn, angiang.gov.vn" */
  sourceLine: string;
  permalink: string;
  siteName: string;
  categories: string[];
  /** Categories drawn apart (grey bar, italic label): the "no district recorded" bucket. */
  apart?: boolean[];
  series: ExportSeries[];
  formatValue: (value: number) => string;
}

export interface ExportSize {
  width: number;
  height: number;
}

export const SOCIAL_SIZE: ExportSize = { width: 1200, height: 675 };
export const COLUMN_SIZE: ExportSize = { width: 800, height: 600 };

const FONT = "'Noto Sans', 'Segoe UI', Roboto, Arial, sans-serif";
const PAD = 32;

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Average glyph width of the sans-serif fonts above, as a share of the font size. */
const GLYPH = 0.56;

/** Greedy word wrap to `maxWidth` px, at most `maxLines` lines (the last one cut with "…"). */
export function wrapText(
  text: string,
  fontSize: number,
  maxWidth: number,
  maxLines: number,
): string[] {
  const perLine = Math.max(8, Math.floor(maxWidth / (fontSize * GLYPH)));
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine) line = next;
    else {
      if (line) lines.push(line);
      line = word.length > perLine ? `${word.slice(0, perLine - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, perLine - 1)).trimEnd()}…`;
  return kept;
}

function truncate(text: string, fontSize: number, maxWidth: number): string {
  return wrapText(text, fontSize, maxWidth, 1)[0] ?? '';
}

function textNode(
  x: number,
  y: number,
  content: string,
  attrs: Record<string, string | number> = {},
): string {
  const extra = Object.entries(attrs)
    .map(([k, v]) => `${k}="${escapeXml(String(v))}"`)
    .join(' ');
  return `<text x="${x}" y="${y}" ${extra}>${escapeXml(content)}</text>`;
}

export function buildChartSvg(chart: ExportChart, size: ExportSize = SOCIAL_SIZE): string {
  const { width, height } = size;
  const inner = width - 2 * PAD;
  const parts: string[] = [];
  let y = PAD;

  // Header: title, subtitle (definition), as-of and basis.
  const titleSize = width >= 1000 ? 30 : 26;
  for (const line of wrapText(chart.title, titleSize, inner, 2)) {
    y += titleSize * 1.15;
    parts.push(
      textNode(PAD, y, line, {
        'font-size': titleSize,
        'font-weight': 700,
        fill: '#1a1a1a',
        'data-role': 'title',
      }),
    );
  }
  const subSize = 16;
  y += 6;
  for (const line of wrapText(chart.subtitle, subSize, inner, width >= 1000 ? 2 : 3)) {
    y += subSize * 1.3;
    parts.push(
      textNode(PAD, y, line, { 'font-size': subSize, fill: '#3d3d3d', 'data-role': 'subtitle' }),
    );
  }
  y += subSize * 1.4;
  parts.push(
    textNode(PAD, y, chart.asOfLine, {
      'font-size': subSize,
      'font-weight': 600,
      fill: '#1a1a1a',
      'data-role': 'as-of',
    }),
  );

  // Legend when there is more than one series.
  const legendSize = 14;
  if (chart.series.length > 1) {
    y += 26;
    let x = PAD;
    for (const s of chart.series) {
      const label = truncate(s.label, legendSize, inner / chart.series.length - 30);
      parts.push(
        s.reference
          ? `<line x1="${x}" y1="${y - 5}" x2="${x + 18}" y2="${y - 5}" stroke="${s.color}" stroke-width="2" stroke-dasharray="5 3"/>`
          : `<rect x="${x}" y="${y - 12}" width="14" height="14" fill="${s.color}"/>`,
      );
      parts.push(textNode(x + 22, y, label, { 'font-size': legendSize, fill: '#1a1a1a' }));
      x += Math.min(inner / chart.series.length, label.length * legendSize * GLYPH + 50);
    }
  }

  // Footer: source line, permalink, site name.
  const footSize = 14;
  const footerTop = height - PAD - footSize * 2.6;
  parts.push(
    `<line x1="${PAD}" y1="${footerTop - 12}" x2="${width - PAD}" y2="${footerTop - 12}" stroke="#c8c8c8"/>`,
  );
  parts.push(
    textNode(PAD, footerTop + footSize, truncate(chart.sourceLine, footSize, inner), {
      'font-size': footSize,
      fill: '#3d3d3d',
      'data-role': 'source',
    }),
  );
  const siteWidth = chart.siteName.length * footSize * GLYPH + 10;
  parts.push(
    textNode(
      PAD,
      footerTop + footSize * 2.4,
      truncate(chart.permalink, 12, inner - siteWidth - 20),
      {
        'font-size': 12,
        fill: '#3d3d3d',
        'data-role': 'permalink',
      },
    ),
  );
  parts.push(
    textNode(width - PAD, footerTop + footSize * 2.4, chart.siteName, {
      'font-size': footSize,
      'font-weight': 700,
      fill: '#0b5394',
      'text-anchor': 'end',
      'data-role': 'site',
    }),
  );

  // Bars: one band per category, one bar per (non-reference) series, value at the end.
  const chartTop = y + 20;
  const chartBottom = footerTop - 28;
  const bars = chart.series.filter((s) => !s.reference);
  const refs = chart.series.filter((s) => s.reference);
  const n = Math.max(1, chart.categories.length);
  const band = (chartBottom - chartTop) / n;
  const labelSize = Math.max(10, Math.min(15, band * 0.6));
  const labelWidth = Math.round(inner * (width >= 1000 ? 0.26 : 0.32));
  const valueRoom = 60;
  const plotLeft = PAD + labelWidth + 10;
  const plotWidth = width - PAD - valueRoom - plotLeft;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values.map((v) => (v == null ? 0 : v))));
  const scale = (v: number) => (v / max) * plotWidth;
  parts.push(
    `<line x1="${plotLeft}" y1="${chartTop}" x2="${plotLeft}" y2="${chartBottom}" stroke="#1a1a1a"/>`,
  );
  chart.categories.forEach((category, i) => {
    const top = chartTop + i * band;
    const apart = chart.apart?.[i] ?? false;
    parts.push(
      textNode(
        plotLeft - 10,
        top + band / 2 + labelSize * 0.35,
        truncate(category, labelSize, labelWidth),
        {
          'font-size': labelSize,
          'text-anchor': 'end',
          fill: apart ? '#555555' : '#1a1a1a',
          ...(apart ? { 'font-style': 'italic' } : {}),
          'data-role': 'category',
        },
      ),
    );
    const barBand = (band * 0.78) / Math.max(1, bars.length);
    bars.forEach((s, j) => {
      const v = s.values[i];
      if (v == null) return;
      const barTop = top + band * 0.11 + j * barBand;
      const w = Math.max(v > 0 ? 1 : 0, scale(v));
      parts.push(
        `<rect x="${plotLeft}" y="${barTop.toFixed(1)}" width="${w.toFixed(1)}" height="${(barBand * 0.92).toFixed(1)}" fill="${apart ? UNKNOWN_BAR_COLOR : s.color}"/>`,
      );
      parts.push(
        textNode(
          plotLeft + w + 6,
          barTop + barBand * 0.46 + Math.min(labelSize, barBand) * 0.35,
          chart.formatValue(v),
          {
            'font-size': Math.min(labelSize, Math.max(10, barBand)),
            fill: '#1a1a1a',
            'data-role': 'value',
          },
        ),
      );
    });
    for (const r of refs) {
      const v = r.values[i];
      if (v == null) continue;
      const x = plotLeft + scale(v);
      parts.push(
        `<line x1="${x.toFixed(1)}" y1="${top.toFixed(1)}" x2="${x.toFixed(1)}" y2="${(top + band).toFixed(1)}" stroke="${r.color}" stroke-width="2" stroke-dasharray="5 3"/>`,
      );
    }
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}" role="img">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<desc>${escapeXml(`${chart.subtitle} ${chart.asOfLine}. ${chart.sourceLine}`)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** The series of a Chart.js-shaped dataset list (bars and dashed reference lines). */
export function seriesFromDatasets(
  datasets: readonly {
    type?: string;
    label?: string;
    data: unknown[];
    backgroundColor?: unknown;
    borderColor?: unknown;
  }[],
): ExportSeries[] {
  return datasets.map((ds, i) => ({
    label: ds.label ?? `#${i + 1}`,
    values: ds.data.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null)),
    color:
      ds.type === 'line'
        ? typeof ds.borderColor === 'string'
          ? ds.borderColor
          : REFERENCE_COLOR
        : typeof ds.backgroundColor === 'string'
          ? ds.backgroundColor
          : (OKABE_ITO[i % OKABE_ITO.length] ?? '#0072B2'),
    reference: ds.type === 'line',
  }));
}
