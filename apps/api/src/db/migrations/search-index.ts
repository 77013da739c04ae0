// The trigram indexes behind text search (modules/shared/text-search.ts), shared by the two
// dialects' migration Migration20261130170000 and by the tests.
//
// PostgreSQL: pg_trgm's GIN indexes on the normalised columns searched. pg_trgm ships with
// PostgreSQL's contrib and is a trusted extension (PostgreSQL 13+): a role with CREATE on the
// database may add it. Where it may not (or contrib is missing), the migration leaves search
// unindexed — the same queries, answered by sequential scans — instead of failing the start;
// `trigramIndexSql` is what a DBA runs after `create extension pg_trgm` to add the indexes later.
// admin_unit is left out: a few hundred rows, which a scan reads faster than an index.
//
// SQLite: FTS5 tables with the trigram tokenizer (SQLite ≥ 3.34; libsql bundles 3.45), rowid = the
// row's id, kept in step by triggers, so every writer — the ORM, raw SQL of the bulk importer
// (modules/imports/decision-list-writer.ts), a manual fix — updates them. case_sensitive 1: the
// columns and queries are already lowercase, and exact bytes match LIKE over the same text.
// A migration that rebuilds `product` or `economic_entity` (SQLite's copy-and-rename) drops their
// triggers: it must run `sqliteSearchIndexDropSql` before and `sqliteSearchIndexSql` after.
// (It drops their fact-segment triggers too: see fact-segment-triggers.ts.)
//
// SQLite's search backlog (`search_backlog`, one row per search table at most): rows of the
// mirrored table with an id above `after_id` may be missing from the search table, those at or
// below it are all in it. An import's copy opens one (the insert triggers then skip the rows it
// writes, so the FTS5 work is not done under the write lock it holds, about a third of the copy
// of products) and brings the search table up to date right after it in short transactions
// (modules/imports/search-backlog.ts); a search meanwhile reads the rows above `after_id` with
// LIKE (modules/products/product-search.ts), so what it finds never depends on the backlog.

import type { EntityMetadata } from '@mikro-orm/core';

type Execute = (sql: string) => Promise<unknown>;

/** Normalised columns with a trigram index (PostgreSQL). */
export const TRIGRAM_COLUMNS = [
  ['product', 'normalized_name'],
  ['product', 'normalized_commune'],
  ['economic_entity', 'normalized_name'],
] as const;

export const trigramIndexName = (table: string, column: string) => `${table}_${column}_trgm`;

const trigramIndexStatement = (table: string, column: string) =>
  `create index if not exists "${trigramIndexName(table, column)}" on "${table}" using gin ("${column}" gin_trgm_ops)`;

/** PostgreSQL: the GIN trigram indexes (idempotent). */
export const trigramIndexSql = (): string[] =>
  TRIGRAM_COLUMNS.map(([table, column]) => `${trigramIndexStatement(table, column)};`);

/**
 * PostgreSQL: the trigram indexes in the ORM's metadata (`discovery.onMetadata`, orm-config.ts),
 * as expression indexes, which MikroORM's schema comparison matches by name: the migration
 * generator then neither drops them nor rebuilds them. Never on SQLite, which has no GIN.
 */
export function declareTrigramIndexes(meta: EntityMetadata): void {
  const own = TRIGRAM_COLUMNS.filter(([table]) => table === meta.tableName);
  if (!own.length) return;
  const names = new Set(own.map(([table, column]) => trigramIndexName(table, column)));
  meta.indexes = [
    ...meta.indexes.filter((index) => !names.has(String(index.name))),
    ...own.map(([table, column]) => ({
      name: trigramIndexName(table, column),
      expression: trigramIndexStatement(table, column),
    })),
  ];
}

/**
 * PostgreSQL: makes pg_trgm available; false, with the transaction still usable, when this role may
 * not create it (no CREATE on the database) or the server lacks it. Run inside the migration's
 * transaction: the attempt gets its own savepoint, since a failed statement aborts a transaction.
 */
export async function tryEnableTrigram(execute: Execute): Promise<boolean> {
  const present = (await execute(`select 1 as ok from pg_extension where extname = 'pg_trgm'`)) as
    unknown[] | undefined;
  if (present?.length) return true;
  let savepoint = true;
  try {
    await execute('savepoint pg_trgm_attempt');
  } catch {
    savepoint = false; // not in a transaction: a failure below aborts nothing
  }
  try {
    await execute('create extension if not exists pg_trgm');
    if (savepoint) await execute('release savepoint pg_trgm_attempt');
    return true;
  } catch {
    if (savepoint) await execute('rollback to savepoint pg_trgm_attempt');
    return false;
  }
}

/** SQLite's FTS5 search tables: name → the table whose columns it mirrors. */
export const SQLITE_SEARCH_TABLES = {
  product_search: { table: 'product', columns: ['normalized_name', 'normalized_commune'] },
  entity_search: { table: 'economic_entity', columns: ['normalized_name'] },
} as const;

export type SqliteSearchTable = keyof typeof SQLITE_SEARCH_TABLES;

/** SQLite: the search tables' backlog (see above). */
export const SEARCH_BACKLOG = 'search_backlog';

/** The FTS5 tables, their shadow tables (`<name>_data`, `_idx`, …) and the backlog: no entities. */
export const SQLITE_SEARCH_TABLE_NAMES = [
  ...Object.keys(SQLITE_SEARCH_TABLES).map((name) => new RegExp(`^${name}(_|$)`)),
  new RegExp(`^${SEARCH_BACKLOG}$`),
];

const backlogTableSql = () =>
  `create table if not exists \`${SEARCH_BACKLOG}\` (\`name\` text not null primary key, \`after_id\` integer not null);`;

/** The insert trigger of a search table: rows above its backlog's `after_id` wait for the catch-up. */
function insertTriggerSql(fts: SqliteSearchTable): string {
  const { table, columns } = SQLITE_SEARCH_TABLES[fts];
  const cols = columns.map((c) => `\`${c}\``).join(', ');
  const fromNew = columns.map((c) => `new.\`${c}\``).join(', ');
  return (
    `create trigger \`${fts}_insert\` after insert on \`${table}\` ` +
    `when not exists (select 1 from \`${SEARCH_BACKLOG}\` where \`name\` = '${fts}' and new.\`id\` > \`after_id\`) ` +
    `begin insert into \`${fts}\` (rowid, ${cols}) values (new.\`id\`, ${fromNew}); end;`
  );
}

/** SQLite, once on a database whose search tables predate the backlog: the table, the triggers. */
export function sqliteSearchBacklogSql(): string[] {
  return [
    backlogTableSql(),
    ...(Object.keys(SQLITE_SEARCH_TABLES) as SqliteSearchTable[]).flatMap((fts) => [
      `drop trigger if exists \`${fts}_insert\`;`,
      insertTriggerSql(fts),
    ]),
  ];
}

/** Undoes sqliteSearchBacklogSql (the former insert triggers; no backlog may be left open). */
export function sqliteSearchBacklogDropSql(): string[] {
  return (Object.keys(SQLITE_SEARCH_TABLES) as SqliteSearchTable[])
    .flatMap((fts) => {
      const { table, columns } = SQLITE_SEARCH_TABLES[fts];
      const cols = columns.map((c) => `\`${c}\``).join(', ');
      return [
        `drop trigger if exists \`${fts}_insert\`;`,
        `delete from \`${fts}\`;`,
        `insert into \`${fts}\` (rowid, ${cols}) select \`id\`, ${cols} from \`${table}\`;`,
        `create trigger \`${fts}_insert\` after insert on \`${table}\` begin ` +
          `insert into \`${fts}\` (rowid, ${cols}) values (new.\`id\`, ${columns.map((c) => `new.\`${c}\``).join(', ')}); end;`,
      ];
    })
    .concat([`drop table if exists \`${SEARCH_BACKLOG}\`;`]);
}

/**
 * SQLite: the FTS5 tables, filled from the rows already there (so no backlog is left), and the
 * triggers keeping them.
 */
export function sqliteSearchIndexSql(): string[] {
  const statements: string[] = [backlogTableSql()];
  for (const [fts, { table, columns }] of Object.entries(SQLITE_SEARCH_TABLES)) {
    const cols = columns.map((c) => `\`${c}\``).join(', ');
    const set = columns.map((c) => `\`${c}\` = new.\`${c}\``).join(', ');
    statements.push(
      `create virtual table \`${fts}\` using fts5(${cols}, tokenize = 'trigram case_sensitive 1');`,
      `insert into \`${fts}\` (rowid, ${cols}) select \`id\`, ${cols} from \`${table}\`;`,
      `delete from \`${SEARCH_BACKLOG}\` where \`name\` = '${fts}';`,
      insertTriggerSql(fts as SqliteSearchTable),
      `create trigger \`${fts}_update\` after update of ${cols} on \`${table}\` begin ` +
        `update \`${fts}\` set ${set} where rowid = new.\`id\`; end;`,
      `create trigger \`${fts}_delete\` after delete on \`${table}\` begin ` +
        `delete from \`${fts}\` where rowid = old.\`id\`; end;`,
    );
  }
  return statements;
}

export function sqliteSearchIndexDropSql(): string[] {
  return Object.keys(SQLITE_SEARCH_TABLES).flatMap((fts) => [
    `drop trigger if exists \`${fts}_insert\`;`,
    `drop trigger if exists \`${fts}_update\`;`,
    `drop trigger if exists \`${fts}_delete\`;`,
    `drop table if exists \`${fts}\`;`,
  ]);
}
