/**
 * The programme view's shaping: years 2020–2025 with their plans' targets, and the cumulative
 * lines of the programme's count targets at quarter ends with the published totals placed on the
 * quarter they were published in. Figures are the API's (the domain's); nothing is recomputed.
 */

/** Published totals that state the same thing as a programme metric (data/seed published figures). */
export const PUBLISHED_METRIC_FOR: Readonly<Record<string, string>> = {
  products_certified_cumulative: 'ag_products_3_star_or_more_total',
  five_star_products_cumulative: 'ag_products_5_star_total',
};

export interface YearRow<P> {
  year: number;
  plans: P[];
}

/**
 * One row per year from the first plan year to the last year any plan covers (2020–2025), with
 * that year's own plans (the programme is shown apart); a year without a plan has an empty row.
 */
export function yearsWithPlans<P extends { year: number; programme: boolean; periodEnd: string }>(
  plans: readonly P[],
): YearRow<P>[] {
  if (plans.length === 0) return [];
  const first = Math.min(...plans.map((p) => p.year));
  const last = Math.max(...plans.map((p) => Number(p.periodEnd.slice(0, 4))));
  const rows: YearRow<P>[] = [];
  for (let year = first; year <= last; year++)
    rows.push({ year, plans: plans.filter((p) => !p.programme && p.year === year) });
  return rows;
}

/** "2021-Q3" for a day. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** A published value as a number: "184" → 184; "50-70", "35 (min)" or text → null. */
export function publishedNumber(value: string): number | null {
  return /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value.trim()) : null;
}

export interface CumulativeSeries {
  /** Quarter labels ("2021-Q1" …). */
  quarters: string[];
  /** The target's progress at each quarter end (null = no data). */
  actual: (number | null)[];
  /** The goal (the target in force at each quarter end). */
  goal: (number | null)[];
  /** The published total in that quarter (the latest one published in it), else null. */
  published: (number | null)[];
}

/**
 * Quarter ends of the trend (its points at the last month of each quarter, and the last point),
 * the goal, and the published figures of the same quarter.
 */
export function cumulativeSeries(
  trend: readonly { date: string; actual: number | null; target: number }[],
  published: readonly { value: string; date: { value: string } | null }[],
): CumulativeSeries {
  const byQuarter = new Map<string, { actual: number | null; target: number }>();
  for (const point of trend) byQuarter.set(quarterOf(point.date), point);
  const quarters = [...byQuarter.keys()];
  const publishedByQuarter = new Map<string, { date: string; value: number }>();
  for (const figure of published) {
    const value = publishedNumber(figure.value);
    if (value == null || !figure.date) continue;
    const q = quarterOf(figure.date.value);
    const seen = publishedByQuarter.get(q);
    if (!seen || seen.date <= figure.date.value)
      publishedByQuarter.set(q, { date: figure.date.value, value });
  }
  return {
    quarters,
    actual: quarters.map((q) => byQuarter.get(q)?.actual ?? null),
    goal: quarters.map((q) => byQuarter.get(q)?.target ?? null),
    published: quarters.map((q) => publishedByQuarter.get(q)?.value ?? null),
  };
}
