// Settings of every SQLite connection the pool opens (libsql recycles a connection after 10 s, so
// per-connection pragmas belong in the pool's afterCreate, not in a one-off statement at start):
// WAL journal mode, so readers are never blocked by a writer (the import worker writes on its own
// connection while the API keeps answering), and a busy timeout, so a writer waits for the other
// connection's transaction instead of failing at once with SQLITE_BUSY. Plus foreign keys, which
// the ORM switches on only for the first connection.
import type { StorageFailure } from './storage-errors.js';
import { storageFailureOf } from './storage-errors.js';

/** The part of the libsql connection (better-sqlite3's API) used here. */
export interface RawSqlite {
  exec(sql: string): void;
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

export function sqliteAfterCreate(busyTimeoutMs: number) {
  return (conn: RawSqlite, done: (error: Error | null, conn: RawSqlite) => void): void => {
    conn.exec(`pragma busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    conn.exec('pragma foreign_keys = on');
    try {
      // Persistent in the file; a no-op once set. Fails on a read-only file, which must still open
      // for reading (/readyz then reports it not writable).
      conn.pragma('journal_mode = wal');
    } catch {
      // keep the file's journal mode
    }
    done(null, conn);
  };
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
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return null;
    return storageFailureOf(error) ?? 'unreachable';
  } finally {
    conn.exec(`pragma busy_timeout = ${timeout}`);
  }
}
