// Whether the plan-progress worker may read a request's facts on its own connection
// (plan-facts.worker-db.ts), the main thread's log of the statements it ran there, and long
// read-only statements sent to it on SQLite (readRows).
import type { EntityManager } from '@mikro-orm/core';
import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { ormSettingsOf, type OrmSettings } from '../../db/orm.js';
import { isPostgres } from '../imports/sql-batch.js';
import type { RanStatement } from './plan-facts.worker-db.js';
import { readRowsInThread } from './plan-progress-thread.js';

/**
 * The settings the worker opens its connection with, or null when the facts must be read through
 * `em`: inside a transaction (another connection would not see its writes), for an ORM not opened
 * by createOrm, or an SQLite database in memory (another connection would open another one).
 */
export function workerReadSettings(em: EntityManager): OrmSettings | null {
  if (em.getTransactionContext()) return null;
  const settings = ormSettingsOf(em);
  if (!settings) return null;
  if (!isPostgres((em as SqlEntityManager).getKnex())) {
    const file = String(em.config.get('dbName') ?? '');
    if (file === '' || file === ':memory:' || file.startsWith('file::memory:')) return null;
  }
  return settings;
}

/** Logs the worker's statements through `em`'s logger, as if run here (tests count them). */
export function logWorkerStatements(em: EntityManager, statements: readonly RanStatement[]): void {
  const logger = em.config.getLogger();
  for (const { query, took } of statements) logger.logQuery({ query, took, level: 'info' });
}

/**
 * The rows of a read-only statement through `em`, except on SQLite outside a transaction, where the
 * worker runs it on its own connection: the driver runs a statement synchronously, and a `stats`
 * grouping over 100,000 products held the main thread (every other request, /healthz included)
 * for about 1.5 s.
 */
export async function readRows<R>(em: EntityManager, query: Knex.QueryBuilder): Promise<R[]> {
  const settings = isPostgres((em as SqlEntityManager).getKnex()) ? null : workerReadSettings(em);
  if (!settings)
    return (em as SqlEntityManager)
      .getConnection()
      .execute<R[]>(query, [], 'all', em.getTransactionContext());
  const { sql, bindings } = query.toSQL();
  const read = await readRowsInThread<R>(settings, { sql, bindings });
  logWorkerStatements(em, read.statements);
  return read.result;
}
