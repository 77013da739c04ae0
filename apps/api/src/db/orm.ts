import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { AppConfig } from '../config.js';
import { buildOrmOptions, type OrmOverrides } from './orm-config.js';

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
  if (opts.migrate ?? true) {
    await orm.getMigrator().up();
  }
  return orm;
}

export interface Readiness {
  database: boolean;
  migrationsPending: number;
}

/** For a readiness probe: can we reach the database, and is its schema current? */
export async function checkReadiness(orm: MikroORM): Promise<Readiness> {
  try {
    await orm.em.getConnection().execute('select 1');
  } catch {
    return { database: false, migrationsPending: -1 };
  }
  const pending = await orm.getMigrator().getPendingMigrations();
  return { database: true, migrationsPending: pending.length };
}

/**
 * The entity manager typed for SQL (query builders, raw statements). Both drivers (libsql,
 * PostgreSQL) are SQL drivers, so this only narrows the type; it throws if a driver ever is not.
 */
export function sqlEntityManager(em: EntityManager): SqlEntityManager {
  if (!(em instanceof SqlEntityManager)) throw new Error('OCOP Monitor needs an SQL driver');
  return em;
}
