// Counts the SQL statements an ORM runs, through MikroORM's logger hook: every statement of any
// forked EntityManager passes through it. Tests assert counts (deterministic), never timings.
import type { MikroORM } from '@mikro-orm/core';

export interface StatementLog {
  /** Statements since the last reset. */
  readonly statements: readonly string[];
  reset(): void;
}

export function logStatements(orm: MikroORM): StatementLog {
  let statements: string[] = [];
  const logger = orm.config.getLogger();
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (context) => {
    statements.push(context.query ?? '');
    original(context);
  };
  return {
    get statements() {
      return statements;
    },
    reset() {
      statements = [];
    },
  };
}
