// SQLite's search backlog (db/migrations/search-index.ts): an import's copy leaves the FTS5 entries
// of the rows it inserts for after its write lock — the trigram tokenizing and segment writes were
// about a third of the copy of products (10,000 rows) — and its importer then writes them here, a
// few thousand rows per transaction, each as short as an API write. Until then a search reads the
// rows above the backlog's `after_id` with LIKE (modules/products/product-search.ts), so it finds
// the same products either way and the data version stays as it is.
import type { Knex } from '@mikro-orm/knex';
import { setImmediate as nextTurn } from 'node:timers/promises';
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
 * its table's last row. Stops early when `stop` says so (the rest waits for the next import).
 */
export async function catchUpSearch(knex: Knex, stop: () => boolean): Promise<void> {
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
          `select b."after_id" as "after", ` +
            `(select max("id") from (select "id" from "${table}" where "id" > b."after_id" order by "id" limit ${SEARCH_CATCH_UP_ROWS})) as "upto", ` +
            `(select max("id") from "${table}") as "last" ` +
            `from "${SEARCH_BACKLOG}" as b where b."name" = ?`,
          [fts],
        )) as { after: number; upto: number | null; last: number | null }[];
        const backlog = rows[0];
        if (!backlog) return false;
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
    }
  }
}
