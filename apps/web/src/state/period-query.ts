/**
 * The part of a page's URL query that fixes what it shows — language, plan year, plan and as-of
 * day — so a link from one view to another (a scorecard cell to the unit, a body's name to its
 * page) is a permalink of the same period.
 */
export type RouteQuery = Record<string, string | null | (string | null)[] | undefined>;

const PERIOD_KEYS = ['lang', 'year', 'plan', 'asOf'] as const;

export function periodQuery(query: RouteQuery): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of PERIOD_KEYS) {
    const raw = query[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === 'string' && value !== '') kept[key] = value;
  }
  return kept;
}
