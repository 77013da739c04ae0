// Recognises database failures that are about the storage, not the request: a read-only or full
// SQLite file (SQLITE_READONLY, SQLITE_FULL, EROFS, ENOSPC), a PostgreSQL server that is read-only
// or out of disk (SQLSTATE 25006, 53100), unreachable, or slower than DB_STATEMENT_TIMEOUT_MS, and
// an SQLite file still locked by another connection's write (the import's copy) after the API's
// connection retried for SQLITE_BUSY_TIMEOUT_MS (sqlite-connection.ts).
// errors.ts answers them with STORAGE_UNAVAILABLE (HTTP 503) instead of a masked internal error.

export type StorageFailure = 'read-only' | 'full' | 'unreachable' | 'timeout' | 'busy';

const BY_CODE: Record<string, StorageFailure> = {
  SQLITE_READONLY: 'read-only',
  EROFS: 'read-only',
  '25006': 'read-only', // read_only_sql_transaction
  SQLITE_FULL: 'full',
  ENOSPC: 'full',
  '53100': 'full', // disk_full
  SQLITE_CANTOPEN: 'unreachable',
  SQLITE_IOERR: 'unreachable',
  ECONNREFUSED: 'unreachable',
  ECONNRESET: 'unreachable',
  ETIMEDOUT: 'timeout',
  '57P01': 'unreachable', // admin_shutdown
  '57P03': 'unreachable', // cannot_connect_now
  '57014': 'timeout', // query_canceled (statement_timeout)
};

const BY_MESSAGE: [RegExp, StorageFailure][] = [
  [/attempt to write a readonly database|read-only file system/i, 'read-only'],
  [/database or disk is full|no space left on device/i, 'full'],
  [/database is locked/i, 'busy'],
  [
    /query read timeout|timeout exceeded when trying to connect|knex: timeout acquiring a connection|canceling statement due to statement timeout/i,
    'timeout',
  ],
  [
    /connection terminated|connection refused|unable to open database file|client has encountered a connection error/i,
    'unreachable',
  ],
];

/** What kind of storage failure `error` (or one of its causes) is, if any. */
export function storageFailureOf(error: unknown): StorageFailure | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      previous?: unknown;
      originalError?: unknown;
    };
    if (typeof e.code === 'string') {
      if (BY_CODE[e.code]) return BY_CODE[e.code]!;
      if (e.code.startsWith('SQLITE_IOERR')) return 'unreachable';
      if (e.code.startsWith('SQLITE_BUSY')) return 'busy';
    }
    if (typeof e.message === 'string') {
      for (const [re, kind] of BY_MESSAGE) if (re.test(e.message)) return kind;
    }
    current = e.originalError ?? e.previous ?? e.cause;
  }
  return null;
}
