// The plan-progress worker's own database connections (plan-progress-worker.ts): the worker reads
// a plan's facts itself, with the same statement (plan-facts.query.ts), so the main thread never
// receives them. At 100,000 products a cold overview's facts are tens of MB of text: on the main
// thread their decoding and garbage collection held other requests (/healthz) for tens of ms, and
// on SQLite, whose driver runs statements synchronously, the statement itself held the main thread
// for as long as it ran (up to 834 ms; issue 10 asks /healthz within 50 ms meanwhile).
//
// One ORM per database (the settings createOrm opened the main thread's with), without entities
// (the worker runs raw statements only), one connection each; on SQLite in `read` mode: a reader
// in WAL mode is not blocked by writers, and a wait blocks only this thread. Every statement is noted (`capturing`) so the main thread can log it as its own: the
// statements per request stay counted and logged as before.
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import type { OrmSettings } from '../../db/orm.js';
import { buildOrmOptions } from '../../db/orm-config.js';

/** A statement the worker ran: its text and how long it took (ms). */
export interface RanStatement {
  query: string;
  took: number;
}

/** PostgreSQL's application_name of the worker's connections. */
export const WORKER_APPLICATION_NAME = 'ocop-plan-progress-worker';

/** Databases the worker keeps a connection to (tests open many; a server one). */
const MAX_OPEN = 4;
const open = new Map<string, Promise<MikroORM>>();

/** The statements of the job running now (the worker runs one reading job at a time). */
let noted: RanStatement[] | null = null;

const keyOf = (options: ReturnType<typeof buildOrmOptions>): string =>
  `${String(options.clientUrl ?? '')}|${String(options.dbName ?? '')}`;

function connect(settings: OrmSettings): Promise<MikroORM> {
  const options = buildOrmOptions(settings.config, {
    ...settings.overrides,
    poolMax: 1,
    sqliteBusy: 'read',
  });
  const key = keyOf(options);
  let orm = open.get(key);
  if (orm) {
    // Most recently used last.
    open.delete(key);
    open.set(key, orm);
    return orm;
  }
  orm = MikroORM.init({
    ...options,
    ...(options.driverOptions
      ? {
          // PostgreSQL: named, so pg_stat_activity tells this connection from the API's.
          driverOptions: {
            ...options.driverOptions,
            connection: {
              ...(options.driverOptions as { connection?: object }).connection,
              application_name: WORKER_APPLICATION_NAME,
            },
          },
        }
      : {}),
    entities: [],
    extensions: [],
    discovery: { warnWhenNoEntities: false },
  }).then((opened) => {
    const logger = opened.config.getLogger();
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (context) => {
      noted?.push({ query: context.query ?? '', took: context.took ?? 0 });
      original(context);
    };
    return opened;
  });
  // A failed connection is not kept: the next job tries again.
  orm.catch(() => open.delete(key));
  open.set(key, orm);
  while (open.size > MAX_OPEN) {
    const [oldest, closing] = open.entries().next().value!;
    open.delete(oldest);
    void closing.then((o) => o.close(true)).catch(() => undefined);
  }
  return orm;
}

/** An EntityManager of the worker's own connection to the database `settings` name. */
export async function workerEm(settings: OrmSettings): Promise<EntityManager> {
  return (await connect(settings)).em.fork();
}

/** Runs `work` and returns what it returned with the statements it ran, in order. */
export async function capturing<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: RanStatement[] }> {
  const statements: RanStatement[] = [];
  noted = statements;
  try {
    return { result: await work(), statements };
  } finally {
    noted = null;
  }
}
