// A page and its total from one plan: the filtered, ordered ids of one page and `count(*) over ()`
// in one statement, so a costly filter (a text search) runs once per request instead of once for
// the page and again for the count. The caller reads the page's rows by id (a second statement).
import { raw, type QueryBuilder } from '@mikro-orm/knex';
import type { Page } from '../../graphql/pagination.js';

/**
 * Ids of the page `qb` (filtered and ordered) selects, and the total. A page past the end returns
 * no row to carry the total: then `count` runs (one more statement, only in that case).
 */
export async function pageOfIds<T extends object>(
  qb: QueryBuilder<T>,
  page: Page,
  count: () => Promise<number>,
): Promise<[number[], number]> {
  // The ORM's default filters, as em.find and `count` apply them: on SQLite the import fence's
  // (db/import-fence.ts), which a QueryBuilder leaves out unless asked.
  await qb.applyFilters();
  const rows = await qb
    .select([`${qb.alias}.id`, raw('count(*) over () as page_total')])
    .limit(page.limit)
    .offset(page.offset)
    .execute<{ id: number | string; page_total: number | string }[]>('all', false);
  if (!rows.length) return [[], page.offset > 0 ? await count() : 0];
  return [rows.map((r) => Number(r.id)), Number(rows[0]!.page_total)];
}

/** Rows in the order of their ids (a page read by `id in (…)` comes back in any order). */
export function inIdOrder<T extends { id: number }>(rows: T[], ids: number[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
