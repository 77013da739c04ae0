// Statements run as prepared statements on a connection of the ORM's pool, without an
// EntityManager fork, the query builder or knex's runner, for the few statements that run with
// every request of a hot path: the data version's read (cache/version-reader.ts), the only database
// work of a cached answer, and the plan facts' segmented statement (plan-facts.query.ts).
// - PostgreSQL: named prepared statements. PostgreSQL otherwise plans the facts' statement again on
//   every overview (4.4 ms of a 2 ms execution at 100,000 products; prepared, the statement took
//   2.0–3.5 ms instead of 7.4–8.3 ms, and its cold form, reading every fact, the same time either
//   way).
// - SQLite: the statement is prepared once per connection and kept. knex's libsql dialect prepares
//   (parses and plans) every statement again, and the fork and knex's runner around it cost more
//   than the read itself: in a profile of cached overviews asked by POST on SQLite, the data
//   version's read through the ORM took 15% of the API's CPU, its preparation alone 4%.
// Each is still logged as a statement like every other (tests count them).
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';

interface PgConnection {
  query<R>(q: { name: string; text: string; values?: unknown[] }): Promise<{ rows: R[] }>;
}
/** A libsql connection (the API's are wrapped by db/sqlite-connection.ts, whose methods retry). */
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface SqliteStatement {
  all(bindings: unknown[]): unknown;
}
interface KnexClient<C> {
  dialect: string;
  driverName: string;
  acquireConnection(): Promise<C>;
  releaseConnection(connection: C): Promise<void>;
}

/** Each SQLite connection's statements, by text (the pool closes and replaces connections). */
const sqliteStatements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

function sqliteStatementOf(connection: SqliteConnection, sql: string): SqliteStatement {
  let statements = sqliteStatements.get(connection);
  if (!statements) sqliteStatements.set(connection, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = connection.prepare(sql)));
  return statement;
}

/**
 * A statement with `?` placeholders, numbered for PostgreSQL and named after its text. Kept for
 * the process's life: only fixed texts come here (one per hot statement), never ones built with
 * values in them.
 */
interface Prepared {
  name: string;
  text: string;
}
const prepared = new Map<string, Prepared>();

function preparedOf(sql: string): Prepared {
  let statement = prepared.get(sql);
  if (!statement) {
    let n = 0;
    statement = {
      // One name per text: a pooled connection prepares each text once, under its own name.
      name: `ocop_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`,
      text: sql.replace(/\?/g, () => `$${++n}`),
    };
    prepared.set(sql, statement);
  }
  return statement;
}

/** Runs a statement on a connection of one dialect, prepared as that dialect keeps it. */
type RunOn<C> = (connection: C, sql: string, values: unknown[]) => Promise<unknown[]>;

const runOnPostgres: RunOn<PgConnection> = async (connection, sql, values) => {
  const { name, text } = preparedOf(sql);
  return (await connection.query<unknown>({ name, text, values })).rows;
};

const runOnSqlite: RunOn<SqliteConnection> = async (connection, sql, values) =>
  (await sqliteStatementOf(connection, sql).all(values)) as unknown[];

/**
 * A runner of prepared statements for `em`'s ORM, or null inside a transaction (whose connection
 * is not the pool's). `sql` uses `?` placeholders and contains no other question mark.
 */
export function preparedRunner(
  em: EntityManager,
): (<R>(sql: string, values?: unknown[]) => Promise<R[]>) | null {
  if (em.getTransactionContext()) return null;
  const client = (em as SqlEntityManager).getKnex().client as unknown as KnexClient<unknown>;
  if (client.driverName === 'libsql')
    return runnerOf(client as KnexClient<SqliteConnection>, runOnSqlite, em);
  if (client.dialect === 'postgresql')
    return runnerOf(client as KnexClient<PgConnection>, runOnPostgres, em);
  return null;
}

function runnerOf<C>(client: KnexClient<C>, runOn: RunOn<C>, em: EntityManager) {
  const logger = em.config.getLogger();
  return async <R>(sql: string, values: unknown[] = []): Promise<R[]> => {
    const started = Date.now();
    const connection = await client.acquireConnection();
    try {
      const rows = (await runOn(connection, sql, values)) as R[];
      logger.logQuery({ query: sql, took: Date.now() - started, level: 'info' });
      return rows;
    } finally {
      await client.releaseConnection(connection);
    }
  };
}
