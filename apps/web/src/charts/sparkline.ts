/** Geometry of a sparkline: values on a 0..max scale drawn into a width × height box. */
export interface SparkGeometry {
  /** Polyline point lists; a null value breaks the line (no data is never drawn as 0). */
  segments: string[];
  /** y of the reference (target) line, or null. */
  referenceY: number | null;
  /** The last point with a value. */
  last: { x: number; y: number } | null;
}

export function sparkGeometry(
  values: readonly (number | null)[],
  reference: number | null,
  width: number,
  height: number,
  pad = 2,
): SparkGeometry {
  const finite = values.filter((v): v is number => v != null && Number.isFinite(v));
  const max = Math.max(reference ?? 0, ...finite, 0) || 1;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const x = (i: number) => round(values.length > 1 ? pad + i * step : width / 2);
  const y = (v: number) => round(height - pad - (Math.max(0, v) / max) * (height - 2 * pad));
  const segments: string[] = [];
  let current: string[] = [];
  let last: SparkGeometry['last'] = null;
  values.forEach((v, i) => {
    if (v == null || !Number.isFinite(v)) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${x(i)},${y(v)}`);
    last = { x: x(i), y: y(v) };
  });
  if (current.length) segments.push(current.join(' '));
  return { segments, referenceY: reference == null ? null : y(reference), last };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
