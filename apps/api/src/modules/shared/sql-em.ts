// Both drivers (libSQL and PostgreSQL) are MikroORM SQL drivers, but the core EntityManager type
// the ORM hands out does not know it; this is the one place that says so, for the services that
// need the query builder or knex (GROUP BY, raw SQL).
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';

export function sqlEm(em: EntityManager): SqlEntityManager {
  return em as unknown as SqlEntityManager;
}
