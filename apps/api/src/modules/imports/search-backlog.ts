// SQLite's search backlog (db/migrations/search-index.ts): an import's copy leaves the FTS5 entries
// of the rows it inserts for after its write lock — the trigram tokenizing and segment writes were
// about a third of the copy of products (10,000 rows) — and its importer then writes them here, a
// few thousand rows per transaction, each as short as an API write. Until then a search reads the
// rows above the backlog's `after_id` with LIKE (modules/products/product-search.ts), so it finds
// the same products either way and the data version stays as it is.
//
// A catch-up cut short (an import aborted, its worker or the process stopped between the commit and
// the end of the catch-up) leaves its backlog open: searches stay right but keep a LIKE over those
// rows. The next import's copy keeps the open backlog's lower start and its catch-up closes it; the
// server also closes it at start (startSearchCatchUp, server.ts), so it does not wait for an import.
import type { MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isPostgres, sqlOf } from './sql-batch.js';
import {
  SEARCH_BACKLOG,
  SQLITE_SEARCH_TABLES,
  type SqliteSearchTable,
} from '../../db/migrations/search-index.js';

/** Rows whose search entries one transaction writes (10,000 products' took ~40 ms under load). */
export const SEARCH_CATCH_UP_ROWS = 2_000;

const searchTableOf = (table: string) =>
  (Object.keys(SQLITE_SEARCH_TABLES) as SqliteSearchTable[]).find(
    (fts) => SQLITE_SEARCH_TABLES[fts].table === table,
  );

/**
 * In the copy's transaction, before `table`'s rows are inserted above `base` (its largest id
 * ever): those rows wait for the catch-up. A backlog already open (an earlier catch-up cut short)
 * keeps its lower start.
 */
export async function openSearchBacklog(knex: Knex, table: string, base: number): Promise<void> {
  const fts = searchTableOf(table);
  if (!fts) return;
  await knex.raw(
    `insert into main."${SEARCH_BACKLOG}" ("name", "after_id") values (?, ?) on conflict ("name") do nothing`,
    [fts, base],
  );
}

/**
 * Writes the search entries the backlog still lacks, SEARCH_CATCH_UP_ROWS rows per write
 * transaction with a turn of the event loop between them, and closes each backlog once it reaches
 * its table's last row. Stops early when `stop` says so (the rest waits for the next import or
 * start). `afterEach` runs after each transaction (the importer checkpoints the WAL there).
 * Returns how many rows it wrote entries for.
 */
export async function catchUpSearch(
  knex: Knex,
  stop: () => boolean,
  afterEach?: () => Promise<unknown>,
): Promise<number> {
  let indexed = 0;
  for (const fts of Object.keys(SQLITE_SEARCH_TABLES) as SqliteSearchTable[]) {
    const { table, columns } = SQLITE_SEARCH_TABLES[fts];
    const cols = columns.map((c) => `"${c}"`).join(', ');
    for (let open = true; open && !stop(); await nextTurn()) {
      open = await knex.transaction(async (trx) => {
        // A write first, so the transaction takes the write lock before it reads (a read first
        // would pin a snapshot that another connection's commit could make stale).
        await trx.raw(`update "${SEARCH_BACKLOG}" set "after_id" = "after_id" where "name" = ?`, [
          fts,
        ]);
        const rows = (await trx.raw(
          `select b."after_id" as "after", w."upto", w."rows", ` +
            `(select max("id") from "${table}") as "last" ` +
            `from "${SEARCH_BACKLOG}" as b, ` +
            `(select max("id") as "upto", count(*) as "rows" from (select "id" from "${table}" ` +
            `where "id" > (select "after_id" from "${SEARCH_BACKLOG}" where "name" = ?) ` +
            `order by "id" limit ${SEARCH_CATCH_UP_ROWS})) as w ` +
            `where b."name" = ?`,
          [fts, fts],
        )) as { after: number; upto: number | null; rows: number; last: number | null }[];
        const backlog = rows[0];
        if (!backlog) return false;
        indexed += Number(backlog.rows);
        if (backlog.upto !== null)
          await trx.raw(
            `insert into "${fts}" (rowid, ${cols}) select "id", ${cols} from "${table}" where "id" > ? and "id" <= ?`,
            [backlog.after, backlog.upto],
          );
        const done = backlog.upto === null || backlog.upto >= (backlog.last ?? 0);
        await trx.raw(
          done
            ? `delete from "${SEARCH_BACKLOG}" where "name" = ?`
            : `update "${SEARCH_BACKLOG}" set "after_id" = ? where "name" = ?`,
          done ? [fts] : [backlog.upto, fts],
        );
        return !done;
      });
      await afterEach?.();
    }
  }
  return indexed;
}

interface StartLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * SQLite, at the server's start: closes a backlog left open by a catch-up cut short, with the
 * importer's catch-up (short write transactions, a turn of the event loop between them, so
 * requests are answered meanwhile), in the background: the returned `done` settles when it has
 * finished (one info line with the rows indexed), `stop` cuts it short and waits for it (the app's
 * close). Nothing on PostgreSQL, which has no backlog. A failure (say the database stayed locked
 * past SQLITE_BUSY_TIMEOUT_MS) is logged; the next import or start closes the backlog.
 */
export function startSearchCatchUp(
  db: MikroORM,
  log: StartLog,
): { done: Promise<void>; stop(): Promise<void> } {
  let stopped = false;
  const run = async () => {
    const knex = sqlOf(db.em.fork());
    if (isPostgres(knex)) return;
    const open = (await knex.raw(`select "name" from "${SEARCH_BACKLOG}"`)) as unknown[];
    if (!open.length) return;
    const rows = await catchUpSearch(knex, () => stopped);
    log.info(
      { rows },
      stopped
        ? 'search backlog catch-up at start stopped by the shutdown: rows indexed'
        : 'search backlog closed at start: rows indexed',
    );
  };
  const done = run().catch((err: unknown) =>
    log.warn({ err }, 'search backlog left open at start: its catch-up failed'),
  );
  return {
    done,
    async stop() {
      stopped = true;
      await done;
    },
  };
}
