// The products a text search finds: name, commune, entity name or unit name containing the
// normalised query ("cho moi" finds every product of Chợ Mới through its unit's name). Written as a
// UNION of id sets, one per column, so each branch reads its own trigram index (PostgreSQL GIN,
// SQLite FTS5; shared/text-search.ts) — an OR across joined tables would scan every product.
// Searches under 3 characters keep one LIKE scan on both dialects (no trigram to look up).
// On SQLite the rows an import has just written may wait a few seconds for their FTS5 entries (the
// search backlog, db/migrations/search-index.ts): each FTS5 branch is joined by a LIKE over those
// rows alone (ids above the backlog's `after_id`; none when there is no backlog), in the same
// statement, so a search finds them the moment the import commits.
// On SQLite every branch also leaves out the rows of an unfinished import (db/import-fence.ts):
// its products, and products found through its entities.
import { raw, type EntityManager, type RawQueryFragment } from '@mikro-orm/knex';
import { sqliteVisibleSql, type FencedTable } from '../../db/import-fence.js';
import { SEARCH_BACKLOG, type SqliteSearchTable } from '../../db/migrations/search-index.js';
import {
  ftsPhrase,
  likeSql,
  searchDialect,
  type SearchDialect,
  type TextSearch,
} from '../shared/text-search.js';

interface Sql {
  sql: string;
  bindings: string[];
}

/** SQLite: the id above which a search table's rows may still be missing from it (else NULL). */
const backlogStart = (fts: SqliteSearchTable) =>
  `(select after_id from ${SEARCH_BACKLOG} where name = '${fts}')`;

/** SQLite: ` and ` the import fence's condition (db/import-fence.ts); nothing on PostgreSQL. */
const visible = (dialect: SearchDialect, column: string, table: FencedTable) =>
  dialect === 'sqlite' ? ` and ${sqliteVisibleSql(column, table)}` : '';

/** Ids of products whose name or commune contains the search (`column` limits it to one). */
function productColumns(
  dialect: SearchDialect,
  search: TextSearch,
  column?: 'normalized_commune',
): Sql[] {
  const columns = column ? [column] : ['normalized_name', 'normalized_commune'];
  if (dialect === 'sqlite' && search.indexed) {
    return [
      {
        sql:
          'select rowid as id from product_search where product_search match ?' +
          visible(dialect, 'rowid', 'product'),
        bindings: [ftsPhrase(search.text, column)],
      },
      {
        sql:
          `select id from product where id > ${backlogStart('product_search')} and ` +
          `(${columns.map((c) => likeSql(dialect, c)).join(' or ')})${visible(dialect, 'id', 'product')}`,
        bindings: columns.map(() => search.like),
      },
    ];
  }
  return columns.map((c) => ({
    sql: `select id from product where ${likeSql(dialect, c)}${visible(dialect, 'id', 'product')}`,
    bindings: [search.like],
  }));
}

/** The fence's conditions on an entity (`entityId`) and the product joined to it (p). */
const entityVisible = (dialect: SearchDialect, entityId: string) =>
  visible(dialect, entityId, 'economic_entity') + visible(dialect, 'p.id', 'product');

/** Ids of products made by an entity whose name contains the search. */
function entityBranch(dialect: SearchDialect, search: TextSearch): Sql {
  if (dialect === 'sqlite' && search.indexed) {
    return {
      sql:
        'select p.id from entity_search s join product p on p.entity_id = s.rowid ' +
        `where entity_search match ?${entityVisible(dialect, 's.rowid')} union ` +
        'select p.id from economic_entity e join product p on p.entity_id = e.id ' +
        `where e.id > ${backlogStart('entity_search')} and ${likeSql(dialect, 'e.normalized_name')}` +
        entityVisible(dialect, 'e.id'),
      bindings: [ftsPhrase(search.text), search.like],
    };
  }
  return {
    sql:
      'select p.id from economic_entity e join product p on p.entity_id = e.id ' +
      `where ${likeSql(dialect, 'e.normalized_name')}${entityVisible(dialect, 'e.id')}`,
    bindings: [search.like],
  };
}

/** Ids of products of a unit whose name contains the search (a small table: scanned). */
const unitBranch = (dialect: SearchDialect, search: TextSearch): Sql => ({
  sql:
    'select p.id from admin_unit u join product p on p.unit_id = u.id ' +
    `where ${likeSql(dialect, 'u.normalized_name')}${visible(dialect, 'p.id', 'product')}`,
  bindings: [search.like],
});

const union = (parts: Sql[]): Sql => ({
  sql: parts.map((p) => p.sql).join(' union '),
  bindings: parts.flatMap((p) => p.bindings),
});

/**
 * Ids of products found by a search too short for trigrams: one pass over the products and their
 * entity and unit (a UNION of four LIKE branches would read the products twice).
 */
const scanAll = (dialect: SearchDialect, search: TextSearch): Sql => ({
  sql:
    'select p.id from product p left join economic_entity e on e.id = p.entity_id' +
    // An entity the fence leaves out is joined as none.
    visible(dialect, 'e.id', 'economic_entity') +
    ' left join admin_unit u on u.id = p.unit_id where (' +
    ['p.normalized_name', 'p.normalized_commune', 'e.normalized_name', 'u.normalized_name']
      .map((column) => likeSql(dialect, column))
      .join(' or ') +
    `)${visible(dialect, 'p.id', 'product')}`,
  bindings: [search.like, search.like, search.like, search.like],
});

/** SQL of the ids of the products a search finds (one id per product). */
export function productSearchSql(dialect: SearchDialect, search: TextSearch): Sql {
  if (!search.indexed) return scanAll(dialect, search);
  return union([
    ...productColumns(dialect, search),
    entityBranch(dialect, search),
    unitBranch(dialect, search),
  ]);
}

/** SQL of the ids of the products whose commune contains the search. */
export function communeSearchSql(dialect: SearchDialect, search: TextSearch): Sql {
  return union(productColumns(dialect, search, 'normalized_commune'));
}

/** The search as a sub-query for `{ id: { $in: … } }`: the ids come from one statement. */
export function asSubquery(em: EntityManager, build: typeof productSearchSql, search: TextSearch) {
  const { sql, bindings } = build(searchDialect(em), search);
  return raw(sql, bindings) as RawQueryFragment;
}
