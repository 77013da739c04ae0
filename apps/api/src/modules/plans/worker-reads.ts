// Whether the plan-progress worker may read a request's facts on its own connection
// (plan-facts.worker-db.ts), and the main thread's log of the statements it ran there.
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { ormSettingsOf, type OrmSettings } from '../../db/orm.js';
import { isPostgres } from '../imports/sql-batch.js';
import type { RanStatement } from './plan-facts.worker-db.js';

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
