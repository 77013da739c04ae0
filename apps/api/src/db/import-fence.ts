// SQLite's import fence (issue 11 point 1): an import copies its rows into the main tables in
// short write transactions (a few thousand rows each, so other writers wait for one of them, not
// for the whole file) and they stay invisible until its last transaction, which publishes them at
// once. Before the first copy the importer reserves, per table, the ids its new rows will take
// (lo..hi, above every id given so far: later writes get ids above hi) and records the range here;
// every read on SQLite leaves out the rows whose id is in a recorded range (the ORM's filters,
// orm-config.ts, and visibleSql in each SQL statement); the publishing transaction deletes the
// ranges with the rest of its work. A failed, aborted or killed import deletes its rows and then
// its ranges (modules/imports/import-fence-cleanup.ts). PostgreSQL needs none of this: its import
// writes in one transaction that other writers do not wait for, so nothing is fenced there.
import type { Knex } from '@mikro-orm/knex';
import { isPostgres } from '../modules/imports/sql-batch.js';

/** The table of reserved ranges (one row per fenced table at most: one import copies at a time). */
export const IMPORT_FENCE = 'import_fence';

/** Tables whose new rows an import copies in several transactions (they have integer ids). */
export const FENCED_TABLES = [
  'source',
  'economic_entity',
  'product',
  'evaluation',
  'decision',
  'decision_item',
  'certificate',
] as const;
export type FencedTable = (typeof FENCED_TABLES)[number];

/** The ORM entity of each fenced table (the ORM's filters, orm-config.ts). */
export const FENCED_ENTITIES: Record<FencedTable, string> = {
  source: 'Source',
  economic_entity: 'EconomicEntity',
  product: 'Product',
  evaluation: 'Evaluation',
  decision: 'Decision',
  decision_item: 'DecisionItem',
  certificate: 'Certificate',
};

/**
 * SQLite: a condition true when `idExpression` (an id of `table`, or a column referring to one)
 * is outside the range an unfinished import reserved in `table`. Its subqueries are uncorrelated:
 * SQLite runs each once per statement. With no import unfinished (nearly always) the first term
 * is true and the row needs no comparison: the range test alone cost every row read (a count of
 * 100,000 products: 7–8 ms alone, 13–15 ms with it, 8 ms with this first term). Without a range
 * for `table` the bounds are 1 and 0, and `id not between 1 and 0` holds for every id.
 */
export function sqliteVisibleSql(idExpression: string, table: FencedTable): string {
  return (
    `(not exists (select 1 from "${IMPORT_FENCE}") or ${idExpression} not between ` +
    `coalesce((select "lo" from "${IMPORT_FENCE}" where "name" = '${table}'), 1) and ` +
    `coalesce((select "hi" from "${IMPORT_FENCE}" where "name" = '${table}'), 0))`
  );
}

/**
 * The visibility condition for raw SQL through `knex`: sqliteVisibleSql on SQLite, `true` on
 * PostgreSQL (never fenced). Usage: `… where ${visibleSql(knex, 'p.id', 'product')} and …`.
 */
export function visibleSql(knex: Knex, idExpression: string, table: FencedTable): string {
  return isPostgres(knex) ? 'true' : sqliteVisibleSql(idExpression, table);
}

/**
 * How many rows of `table` a count must leave out: on SQLite a scalar subquery counting the rows in
 * the reserved range (a range of the primary key: nothing read when there is none), `0` on
 * PostgreSQL. `count(*) - this` keeps SQLite's count of a whole table, which reads the b-tree's
 * page counts instead of every row: a visibility condition inside the count made SQLite read
 * every row (100,000 products and 137,000 evaluations: 15.6 ms against 0.7 ms).
 */
export function fencedCountSql(knex: Knex, table: FencedTable): string {
  if (isPostgres(knex)) return '0';
  const bound = (column: 'lo' | 'hi') =>
    `(select "${column}" from "${IMPORT_FENCE}" where "name" = '${table}')`;
  return `(select count(*) from "${table}" where "id" between ${bound('lo')} and ${bound('hi')})`;
}

/** SQLite migration: the table of ranges. */
export const IMPORT_FENCE_TABLE_SQL =
  `create table if not exists \`${IMPORT_FENCE}\` (\`name\` text not null primary key, ` +
  `\`lo\` integer not null, \`hi\` integer not null, \`run_id\` integer not null);`;
