import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { LibSqlDriver } from '@mikro-orm/libsql';
import type { AppConfig } from '../config.js';
import { buildOrmOptions, type DbKind, type OrmOverrides } from './orm-config.js';
import { probeSqliteWrite, type RawSqlite } from './sqlite-connection.js';
import { storageFailureOf, type StorageFailure } from './storage-errors.js';
import { isPostgres, TRIGRAM_STATE_SQL, trigramSearchStateOf } from './trigram-search-check.js';

export interface CreateOrmOptions extends OrmOverrides {
  /** Apply pending migrations at start (default true). */
  migrate?: boolean;
}

/**
 * Opens the database the config selects (embedded libsql file by default, PostgreSQL when
 * DATABASE_URL is postgres://) and brings its schema up to date with the committed migrations.
 */
export async function createOrm(config: AppConfig, opts: CreateOrmOptions = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(buildOrmOptions(config, opts));
  settings.set(orm.config, { config, overrides: { kind: opts.kind, url: opts.url } });
  if (opts.migrate ?? true) {
    await orm.getMigrator().up();
  }
  return orm;
}

export interface OrmSettings {
  config: AppConfig;
  overrides: { kind?: DbKind; url?: string };
}

// How each ORM was opened, keyed by its Configuration (shared by the ORM and all its entity
// managers), so another thread can open its own connection to the same database.
const settings = new WeakMap<object, OrmSettings>();

/** The config and overrides `em`'s ORM was opened with by createOrm (undefined otherwise). */
export function ormSettingsOf(em: EntityManager): OrmSettings | undefined {
  return settings.get(em.config);
}

export interface Readiness {
  database: boolean;
  migrationsPending: number;
  /** SQLite: a write to the file succeeds (false when it is read-only or the disk is full). */
  writable: boolean;
  /** Why not ready, when it is not. */
  reason?: StorageFailure | 'migrations';
  /**
   * PostgreSQL: whether search has its trigram indexes (trigram-search-check.ts). Informative only:
   * without them search is slower, not wrong, so 'missing' does not make the process unready.
   */
  searchIndexes?: 'present' | 'missing';
}

/**
 * For a readiness probe: can we reach the database (and, on SQLite, write its file), and is its
 * schema current? Answers within `timeoutMs` even when the database does not answer at all.
 */
export async function checkReadiness(orm: MikroORM, timeoutMs = 1500): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ database: false, migrationsPending: -1, writable: false, reason: 'timeout' }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([probe(orm), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function probe(orm: MikroORM): Promise<Readiness> {
  const conn = orm.em.getConnection();
  let searchIndexes: Readiness['searchIndexes'];
  try {
    if (isPostgres(orm)) {
      // On PostgreSQL the reachability check reads the search indexes' state: still one statement.
      const [row] =
        await conn.execute<{ extension: boolean; indexes: string[] }[]>(TRIGRAM_STATE_SQL);
      searchIndexes = trigramSearchStateOf(row!).missingIndexes.length ? 'missing' : 'present';
    } else {
      await conn.execute('select 1');
    }
  } catch (error) {
    return {
      database: false,
      migrationsPending: -1,
      writable: false,
      reason: storageFailureOf(error) ?? 'unreachable',
    };
  }
  let writable = true;
  let reason: Readiness['reason'];
  if (orm.config.get('driver') === LibSqlDriver) {
    // A real write that fails on a read-only file (SQLITE_READONLY) or a full disk (SQLITE_FULL),
    // like a save would, and does not wait behind the import worker's write transaction.
    try {
      const client = sqlEntityManager(orm.em).getKnex().client;
      const raw = (await client.acquireConnection()) as RawSqlite;
      try {
        reason = probeSqliteWrite(raw) ?? undefined;
      } finally {
        await client.releaseConnection(raw);
      }
    } catch (error) {
      reason = storageFailureOf(error) ?? 'unreachable';
    }
    writable = !reason;
  }
  const pending = await orm.getMigrator().getPendingMigrations();
  if (!reason && pending.length > 0) reason = 'migrations';
  return {
    database: true,
    migrationsPending: pending.length,
    writable,
    ...(reason ? { reason } : {}),
    ...(searchIndexes ? { searchIndexes } : {}),
  };
}

/**
 * The entity manager typed for SQL (query builders, raw statements). Both drivers (libsql,
 * PostgreSQL) are SQL drivers, so this only narrows the type; it throws if a driver ever is not.
 */
export function sqlEntityManager(em: EntityManager): SqlEntityManager {
  if (!(em instanceof SqlEntityManager)) throw new Error('OCOP Monitor needs an SQL driver');
  return em;
}
