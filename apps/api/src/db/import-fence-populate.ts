// The import fence (import-fence.ts) on a many-to-many loaded by a join: the ORM's default filters
// leave the fenced rows out of a find's own table, not out of the target of a populated
// many-to-many (`populate: ['sources']` joins product_source and source with no filter), so a link
// from an existing record to a source an unfinished import has written would show it.
// `populateWhere` puts a condition into that join, but drops raw keys, so the range is written as
// two comparisons whose bounds are raw values (the same uncorrelated subqueries as
// sqliteVisibleSql). Nothing on PostgreSQL (never fenced): its statements stay as they were.
import { raw, type EntityManager } from '@mikro-orm/core';
import { IMPORT_FENCE, type FencedTable } from './import-fence.js';
import { isPostgres } from '../modules/imports/sql-batch.js';
import { sqlEm } from '../modules/shared/sql-em.js';

const bound = (column: 'lo' | 'hi', table: FencedTable, none: number) =>
  raw(`coalesce((select "${column}" from "${IMPORT_FENCE}" where "name" = '${table}'), ${none})`);

/**
 * Options for a find populating `relation`, a many-to-many to `table`: on SQLite the targets an
 * unfinished import reserved are left out of the join (the record keeps its other links).
 */
export function visiblePopulate(
  em: EntityManager,
  relation: string,
  table: FencedTable,
): { populateWhere?: never } {
  if (isPostgres(sqlEm(em).getKnex())) return {};
  const outside = {
    $or: [{ id: { $lt: bound('lo', table, 1) } }, { id: { $gt: bound('hi', table, 0) } }],
  };
  return { populateWhere: { [relation]: outside } as never };
}
