// Statements run as named prepared statements on a connection of the ORM's PostgreSQL pool,
// without an EntityManager fork or the query builder, for the few statements that run with every
// request of a hot path: the data version's read (cache/version-reader.ts), the only database work
// of a cached answer, and the plan facts' segmented statement (plan-facts.query.ts), which
// PostgreSQL otherwise plans again on every overview (4.4 ms of a 2 ms execution at 100,000
// products; prepared, the statement took 2.0–3.5 ms instead of 7.4–8.3 ms, and its cold form,
// reading every fact, the same time either way). Each is still logged as a statement like every
// other (tests count them).
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';

interface PgConnection {
  query<R>(q: { name: string; text: string; values?: unknown[] }): Promise<{ rows: R[] }>;
}
interface PgKnexClient {
  dialect: string;
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
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

/**
 * A runner of prepared statements for `em`'s ORM, or null where it does not apply: on SQLite
 * (whose in-process statements cost no round trip) and inside a transaction (whose connection is
 * not the pool's). `sql` uses `?` placeholders and contains no other question mark.
 */
export function preparedRunner(
  em: EntityManager,
): (<R>(sql: string, values?: unknown[]) => Promise<R[]>) | null {
  if (em.getTransactionContext()) return null;
  const client = (em as SqlEntityManager).getKnex().client as unknown as PgKnexClient;
  if (client.dialect !== 'postgresql') return null;
  const logger = em.config.getLogger();
  return async <R>(sql: string, values: unknown[] = []) => {
    const started = Date.now();
    const { name, text } = preparedOf(sql);
    const connection = await client.acquireConnection();
    try {
      const { rows } = await connection.query<R>({ name, text, values });
      logger.logQuery({ query: sql, took: Date.now() - started, level: 'info' });
      return rows;
    } finally {
      await client.releaseConnection(connection);
    }
  };
}
