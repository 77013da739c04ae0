import { LibSqlDriver } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { raw, type Options } from '@mikro-orm/core';
import { databaseKind, type AppConfig } from '../config.js';
import { ENTITIES } from './entities.js';
import { FENCED_ENTITIES, FENCED_TABLES, IMPORT_FENCE, sqliteVisibleSql } from './import-fence.js';
import { postgresqlMigrations } from './migrations/postgresql/index.js';
import { declareTrigramIndexes, SQLITE_SEARCH_TABLE_NAMES } from './migrations/search-index.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';
import {
  API_SQLITE_POOL_MAX,
  sqliteAfterCreate,
  type SqliteBusyMode,
} from './sqlite-connection.js';

export type DbKind = 'libsql' | 'postgresql';

export interface OrmOverrides {
  /** Force a dialect regardless of DATABASE_URL (tests, migration generator). */
  kind?: DbKind;
  /** libsql file path or PostgreSQL URL overriding the config. */
  url?: string;
  debug?: boolean;
  /** PostgreSQL: at most this many pooled connections (the import worker keeps a small pool). */
  poolMax?: number;
  /**
   * SQLite: how a connection meets another connection's write lock (sqlite-connection.ts):
   * `retry` (default; the API thread: never blocks for long, retries on timers) or `wait` (the
   * import worker: waits inside SQLite, blocking only its own thread).
   */
  sqliteBusy?: SqliteBusyMode;
}

/**
 * ORM options for one dialect. Migrations are loaded through `migrationsList` with static imports
 * (`.ts` migration files loaded by path fail to import under vitest on Node 20), one set per dialect
 * because the generated SQL differs.
 */
export function buildOrmOptions(config: AppConfig, overrides: OrmOverrides = {}): Options {
  const kind = overrides.kind ?? databaseKind(config);
  const common = {
    entities: ENTITIES,
    extensions: [Migrator],
    debug: overrides.debug ?? false,
    allowGlobalContext: false,
    forceUndefined: false,
    discovery: { warnWhenNoEntities: true },
  } satisfies Options;
  if (kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: overrides.url ?? config.DATABASE_URL,
      // The search's trigram indexes are the migrations' (pg_trgm may be missing); declared here
      // so the ORM's schema comparison keeps them.
      discovery: { ...common.discovery, onMetadata: declareTrigramIndexes },
      // Bounded waits (issue 11, point 6): a frozen server or network must give fast errors, not
      // requests hanging for as long as it lasts. The server cancels long statements itself;
      // query_timeout covers a server that does not answer at all.
      driverOptions: {
        connection: {
          statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
          query_timeout: config.DB_STATEMENT_TIMEOUT_MS + 1000,
          connectionTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS,
          // No JIT: the planner's row estimates for the plan-facts statement (plan-facts.query.ts,
          // a UNION ALL over CTEs) run into millions, so PostgreSQL spent 6 s compiling a 1 s
          // statement at 100,000 products (EXPLAIN ANALYZE, bench/profile-overview.ts). The API
          // runs short statements only, where JIT never pays off.
          options: '-c jit=off',
        },
      },
      pool: {
        acquireTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS,
        createTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS,
        ...(overrides.poolMax ? { min: 0, max: overrides.poolMax } : {}),
      },
      migrations: {
        migrationsList: postgresqlMigrations,
        transactional: true,
        allOrNothing: true,
        snapshot: false,
        silent: true,
      },
    };
  }
  const busy = overrides.sqliteBusy ?? 'retry';
  const file =
    overrides.url ??
    (config.DATABASE_URL && !/^postgres/.test(config.DATABASE_URL)
      ? config.DATABASE_URL.replace(/^file:/, '')
      : config.SQLITE_PATH);
  return {
    ...common,
    driver: LibSqlDriver,
    dbName: file,
    pool: {
      afterCreate: sqliteAfterCreate(config.SQLITE_BUSY_TIMEOUT_MS, busy),
      // The API needs a few connections (API_SQLITE_POOL_MAX). The import's (`wait`) pool has one,
      // knex's SQLite default, said here because the importer relies on it: its TEMP tables and
      // the foreign-key pragma around its copy belong to that connection.
      ...(busy === 'retry' ? { min: 1, max: API_SQLITE_POOL_MAX } : { min: 1, max: 1 }),
    },
    // The FTS5 search tables (and their shadow tables) belong to the migrations, not to an
    // entity: the migration generator must neither read them (it cannot parse a virtual table)
    // nor drop them.
    schemaGenerator: { skipTables: [...SQLITE_SEARCH_TABLE_NAMES, IMPORT_FENCE] },
    // An unfinished import's rows stay out of every ORM read (db/import-fence.ts).
    filters: importFenceFilters(),
    migrations: {
      migrationsList: sqliteMigrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  };
}

/**
 * SQLite: one default filter per fenced table, leaving out the rows an unfinished import reserved
 * (db/import-fence.ts). A filter without parameters takes no arguments, so every find, count and
 * populate of the entity applies it unasked.
 */
function importFenceFilters(): NonNullable<Options['filters']> {
  return Object.fromEntries(
    FENCED_TABLES.map((table) => [
      `importFence_${table}`,
      {
        name: `importFence_${table}`,
        cond: () => ({ [raw((alias: string) => sqliteVisibleSql(`${alias}.id`, table))]: [] }),
        entity: [FENCED_ENTITIES[table]],
        default: true,
      },
    ]),
  );
}
