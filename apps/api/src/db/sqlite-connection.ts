// Settings of every SQLite connection the pool opens (libsql recycles a connection after 10 s, so
// per-connection pragmas belong in the pool's afterCreate, not in a one-off statement at start):
// WAL journal mode, so readers are never blocked by a writer (the import worker writes on its own
// connection while the API keeps answering), foreign keys (the ORM switches them on only for the
// first connection), and how a writer waits for another connection's write transaction.
//
// libsql's calls are synchronous: a connection that waits inside SQLite (busy_timeout) holds up
// its whole thread. The import worker may (`wait`: busy_timeout = SQLITE_BUSY_TIMEOUT_MS, it blocks
// only itself). The API thread must not (issue 11 point 1), so its connections (`retry`) wait at
// most API_BUSY_WAIT_MS inside SQLite and otherwise wait between attempts, on timers, with the
// event loop free: every write transaction starts with BEGIN IMMEDIATE (it takes the write lock
// first, so a statement inside it never meets SQLITE_BUSY in WAL mode), and a statement run outside
// a transaction (BEGIN IMMEDIATE itself, an autocommit write or read) that meets SQLITE_BUSY is
// run again after a pause, until SQLITE_BUSY_TIMEOUT_MS have passed; then its SQLITE_BUSY error is
// thrown, which errors.ts answers with STORAGE_UNAVAILABLE (reason `busy`, Retry-After).
import { setTimeout as sleep } from 'node:timers/promises';
import type { StorageFailure } from './storage-errors.js';
import { storageFailureOf } from './storage-errors.js';

/** The part of the libsql connection (better-sqlite3's API) used here. */
export interface RawSqlite {
  exec(sql: string): void;
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

/** A prepared statement as knex's libsql dialect calls it (`await statement[method](bindings)`). */
interface RawStatement {
  run(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown;
  get(...args: unknown[]): unknown;
}

interface RawSqliteWithStatements extends RawSqlite {
  prepare(sql: string, ...internal: unknown[]): RawStatement;
  readonly inTransaction: boolean;
}

/**
 * The longest the API thread waits inside SQLite for a lock (ms): not 0, so a reader that meets
 * one of WAL mode's brief internal locks (another connection opening the file or checkpointing)
 * gets it without an error; short enough that no request is held up for long.
 */
export const API_BUSY_WAIT_MS = 10;

/** Page cache of a `wait` connection (the import's; KiB). */
export const WAIT_CACHE_KIB = 32 * 1024;

/** Pauses between attempts of a statement that met SQLITE_BUSY (ms; the last one repeats). */
const BUSY_PAUSES_MS = [2, 5, 10, 20, 30, 50];

/**
 * Connections of the API's pool (`retry` mode). More than one: a write transaction waiting on
 * timers for the lock holds its connection meanwhile, and reads must not queue behind it.
 */
export const API_SQLITE_POOL_MAX = 4;

export type SqliteBusyMode =
  /** Wait inside SQLite up to the budget (blocks the thread): the import worker. */
  | 'wait'
  /**
   * Reads only, in a worker thread: waits inside SQLite up to the budget (blocking only that
   * thread), with SQLite's default page cache (the plan-progress worker's statements:
   * modules/plans/plan-facts.worker-db.ts).
   */
  | 'read'
  /** Never wait inside SQLite for longer than API_BUSY_WAIT_MS; retry on timers: the API. */
  | 'retry';

export function sqliteAfterCreate(busyBudgetMs: number, mode: SqliteBusyMode = 'retry') {
  const budget = Math.max(0, Math.floor(busyBudgetMs));
  return (conn: RawSqlite, done: (error: Error | null, conn: RawSqlite) => void): void => {
    conn.exec(`pragma busy_timeout = ${mode === 'retry' ? API_BUSY_WAIT_MS : budget}`);
    conn.exec('pragma foreign_keys = on');
    try {
      // Persistent in the file; a no-op once set. Fails on a read-only file, which must still open
      // for reading (/readyz then reports it not writable).
      conn.pragma('journal_mode = wal');
    } catch {
      // keep the file's journal mode
    }
    // An import stages its plan in TEMP tables on a `wait` connection (tens of MB for 100,000
    // rows): in a file, not in the process's memory as libsql's build (TEMP_STORE=2) would keep it.
    if (mode === 'wait') {
      conn.exec('pragma temp_store = file');
      // The import's copy updates every index of the tables it writes, under the write lock: with
      // more of their pages cached it takes less CPU (10,000 rows: 10% less than with libsql's
      // default 2 MB).
      conn.exec(`pragma cache_size = -${WAIT_CACHE_KIB}`);
      // Its commit does not checkpoint the WAL: the importer does right after it
      // (modules/imports/decision-list-importer.ts), so a checkpoint, which holds no write lock,
      // is not counted as part of the lock. The API's connections keep the default.
      conn.exec('pragma wal_autocheckpoint = 0');
      // No fsync of the WAL in its commits (10,000 rows: ~10 ms of the ~30 ms the commit holds the
      // write lock). In WAL mode this keeps the file consistent: a crash or power loss can only
      // roll back a whole committed import, never part of one; and the import is durable moments
      // later, when its checkpoint (which syncs the WAL first) or any API write (synchronous FULL,
      // syncing every frame before its own) has run.
      conn.exec('pragma synchronous = normal');
    }
    if (mode === 'retry') retryBusyStatements(conn as RawSqliteWithStatements, budget);
    done(null, conn);
  };
}

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …), or libsql's bare message. */
export function isSqliteBusy(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_BUSY')) return true;
  return typeof e?.message === 'string' && /database is locked/i.test(e.message);
}

const PLAIN_BEGIN = /^\s*begin(\s+deferred)?(\s+transaction)?\s*;?\s*$/i;

/**
 * Wraps `conn.prepare` (the only call knex's libsql dialect makes on a connection) so that its
 * statements resolve asynchronously: BEGIN becomes BEGIN IMMEDIATE, and a statement run outside a
 * transaction that meets SQLITE_BUSY did nothing, so it is run again after a pause. A statement
 * inside a transaction is never retried alone (its transaction would have to start over).
 *
 * libsql leaves a statement that failed with SQLITE_BUSY active (not reset) until it runs again or
 * is collected, and while it is, no transaction of its connection can commit ("SQL statements in
 * progress"). So BEGIN runs through exec (which leaves nothing behind), an attempt is repeated with
 * the same statement (running it again resets it), and a connection with a statement that stayed
 * busy is marked stale, so the pool replaces it (knex's libsql dialect validates a connection by
 * its `__created` time on each acquire).
 */
function retryBusyStatements(conn: RawSqliteWithStatements, budgetMs: number): void {
  const prepare = conn.prepare.bind(conn);
  const stale = () => ((conn as unknown as { __created: number }).__created = 0);
  conn.prepare = (sql: string, ...internal: unknown[]): RawStatement => {
    // libsql's own pragma() prepares with extra arguments and needs the real statement.
    if (internal.length) return prepare(sql, ...internal);
    if (PLAIN_BEGIN.test(sql)) {
      const begin = async () => {
        try {
          await runRetrying(conn, () => conn.exec('begin immediate'), budgetMs);
        } catch (error) {
          if (!isSqliteBusy(error)) throw error;
          // Past the budget the transaction still begins, deferred: a read-only one then works,
          // and its first write fails with SQLITE_BUSY like any statement. (knex ignores a failed
          // BEGIN and runs the transaction's statements anyway, which then fail as "Transaction
          // query already complete", an error nobody could map.)
          conn.exec('begin');
        }
      };
      return {
        run: () => begin().then(() => ({ changes: 0, lastInsertRowid: 0 })),
        all: () => begin().then(() => []),
        get: () => begin().then(() => undefined),
      };
    }
    let statement: RawStatement | null = null;
    const method =
      (name: keyof RawStatement) =>
      (...args: unknown[]) =>
        runRetrying(conn, () => (statement ??= prepare(sql))[name](...args), budgetMs).catch(
          (error: unknown) => {
            if (isSqliteBusy(error)) stale();
            throw error;
          },
        );
    return { run: method('run'), all: method('all'), get: method('get') };
  };
}

async function runRetrying<T>(
  conn: RawSqliteWithStatements,
  attempt: () => T,
  budgetMs: number,
): Promise<T> {
  const started = Date.now();
  for (let n = 0; ; n++) {
    const autocommit = !conn.inTransaction;
    try {
      return attempt();
    } catch (error) {
      const left = budgetMs - (Date.now() - started);
      if (!autocommit || !isSqliteBusy(error) || left <= 0) throw error;
      await sleep(Math.min(left, BUSY_PAUSES_MS[Math.min(n, BUSY_PAUSES_MS.length - 1)]!));
    }
  }
}

/**
 * Whether the file takes a write, without waiting for another connection's write transaction:
 * the header's user_version rewritten with its own value (a real write, journal and all) with
 * busy_timeout 0 for that one statement. SQLITE_BUSY means another connection is writing (e.g. the
 * import worker), so the file is writable. Synchronous on one connection, so no other query of
 * this process runs with the lowered timeout.
 */
export function probeSqliteWrite(conn: RawSqlite): StorageFailure | null {
  const timeout = Number(conn.pragma('busy_timeout', { simple: true }) ?? 0);
  conn.exec('pragma busy_timeout = 0');
  try {
    const version = Number(conn.pragma('user_version', { simple: true }) ?? 0);
    conn.exec(`pragma user_version = ${version}`);
    return null;
  } catch (error) {
    if (isSqliteBusy(error)) return null;
    return storageFailureOf(error) ?? 'unreachable';
  } finally {
    conn.exec(`pragma busy_timeout = ${timeout}`);
  }
}
