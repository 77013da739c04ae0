// A database the server cannot open at start ends the process with one line saying which
// database, what failed and what to check, instead of the driver's stack trace (an operator
// reading the service's log needs the address and the cause, not knex's call sites). The
// PostgreSQL URL is shown without its password.
import { databaseKind, type AppConfig } from '../config.js';
import { storageFailureOf, type StorageFailure } from './storage-errors.js';

/** The database the config selects, as an operator would name it (no password). */
export function databaseLabel(config: AppConfig): string {
  if (databaseKind(config) === 'libsql') return `SQLite file ${config.SQLITE_PATH}`;
  try {
    const url = new URL(config.DATABASE_URL!);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}

/**
 * PostgreSQL errors at start (SQLSTATE) that have a clear remedy. A missing database is created
 * at start (MikroORM's ensureDatabase), so it fails only when the role may not create it (42501).
 */
const BY_SQLSTATE: Record<string, string> = {
  '42501':
    'this user lacks a privilege the start needs (e.g. creating a missing database): create the database for it (createdb -O <user>) or fix DATABASE_URL.',
  '28P01': 'the password was refused: fix the user or password in DATABASE_URL.',
  '28000': 'the server refused this user or address (pg_hba.conf): fix DATABASE_URL or the server.',
};

const BY_FAILURE: Record<StorageFailure, string> = {
  unreachable:
    'check that the database server runs and accepts connections at that address (DATABASE_URL), or that the SQLite file’s folder exists and may be written (SQLITE_PATH).',
  timeout:
    'the database did not answer in time (DB_CONNECT_TIMEOUT_MS): check the network and the server.',
  'read-only': 'the database is read-only: the server must be able to write (migrations, data).',
  full: 'the disk holding the database is full.',
  busy: 'another process holds the SQLite file’s write lock: stop it or wait for it.',
};

function sqlStateOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** The one line printed when the database cannot be opened (or migrated) at start. */
export function startFailureMessage(error: unknown, config: AppConfig): string {
  const cause = error instanceof Error ? error.message : String(error);
  const state = sqlStateOf(error);
  const failure = storageFailureOf(error);
  const hint =
    (state && BY_SQLSTATE[state]) ??
    (failure ? BY_FAILURE[failure] : 'check DATABASE_URL or SQLITE_PATH and the database’s log.');
  return `Cannot open the database (${databaseLabel(config)}): ${cause} — ${hint}`;
}
