// PostgreSQL: are the trigram indexes behind text search there? The search-index migration
// (migrations/search-index.ts) adds nothing where the role may not create pg_trgm, and search then
// answers from sequential scans — correct, but slower as the data grows, and silent. The server
// says so once at start (one warn line with what to run), and /readyz reports it without failing.
// Re-running the migrations does not add them later: the migration is recorded as applied.
import type { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { TRIGRAM_COLUMNS, trigramIndexName, trigramIndexSql } from './migrations/search-index.js';

export interface TrigramSearchState {
  extension: boolean;
  /** Names of the trigram indexes that do not exist in the current schema. */
  missingIndexes: string[];
}

const INDEX_NAMES = TRIGRAM_COLUMNS.map(([table, column]) => trigramIndexName(table, column));

/** One statement: the extension and which of the indexes exist (catalog reads only). */
export const TRIGRAM_STATE_SQL =
  `select exists (select 1 from pg_extension where extname = 'pg_trgm') as extension, ` +
  `array(select indexname::text from pg_indexes where schemaname = current_schema() ` +
  `and indexname in (${INDEX_NAMES.map((name) => `'${name}'`).join(', ')})) as indexes`;

export const isPostgres = (orm: MikroORM) => orm.config.get('driver') === PostgreSqlDriver;

export function trigramSearchStateOf(row: {
  extension: boolean;
  indexes: string[];
}): TrigramSearchState {
  const present = new Set(row.indexes);
  return {
    extension: row.extension,
    missingIndexes: INDEX_NAMES.filter((name) => !present.has(name)),
  };
}

/** The state on PostgreSQL; null on SQLite, whose search tables the migrations always create. */
export async function trigramSearchState(orm: MikroORM): Promise<TrigramSearchState | null> {
  if (!isPostgres(orm)) return null;
  const [row] = await orm.em
    .getConnection()
    .execute<{ extension: boolean; indexes: string[] }[]>(TRIGRAM_STATE_SQL);
  return trigramSearchStateOf(row!);
}

/**
 * Logs one warn line when search runs without its trigram indexes, with the statements that add
 * them (the extension first, as a role with CREATE on the database or a superuser).
 */
export async function warnIfSearchUnindexed(
  orm: MikroORM,
  log: { warn(obj: object, msg: string): void },
): Promise<void> {
  // A database that does not answer here is /readyz's to report, not this check's.
  const state = await trigramSearchState(orm).catch(() => null);
  if (!state || state.missingIndexes.length === 0) return;
  const missing = new Set(state.missingIndexes);
  const run = [
    ...(state.extension ? [] : ['create extension if not exists pg_trgm;']),
    ...trigramIndexSql().filter((_, i) => missing.has(INDEX_NAMES[i]!)),
  ];
  log.warn(
    { pgTrgm: state.extension, missingIndexes: state.missingIndexes, run },
    state.extension
      ? 'trigram search indexes are missing: product and entity searches scan every row; ' +
          'run the statements in `run` (README, "Search indexes")'
      : 'trigram search indexes are missing (extension pg_trgm not installed): product and entity ' +
          'searches scan every row; as a role that may create it (CREATE on the database, e.g. ' +
          'its owner, or a superuser), run the statements in `run` (README, "Search indexes")',
  );
}
