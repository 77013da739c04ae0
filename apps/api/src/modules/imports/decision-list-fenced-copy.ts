// SQLite's write of an import plan, step two: the staged rows (decision-list-staging.ts) go into the
// main tables in short write transactions, so another writer waits for one of them (a few
// milliseconds), never for the whole file, and stay invisible until the last one (db/import-fence.ts):
//   reserveFence: one transaction: checks the references to existing records, reserves per table
//     the ids the new rows take (base + 1 … base + n, base the largest id ever given: the table's
//     AUTOINCREMENT sequence is raised to base + n, so writes meanwhile get ids above the range),
//     records the ranges in import_fence and opens the search backlog (search-backlog.ts).
//   copyFencedRows: the new rows, COPY_ROWS per transaction, with `step` between transactions.
//     Staged id -k becomes base + k, in plan order, as the one-statement writer gives them.
//   publishFenced: one transaction: the changes to existing records (fills, supersessions), the
//     new certificates of existing products (the unique index allows one certificate in force per
//     product, so they follow the supersessions) and the links between existing records, then
//     raises the segments of the fenced rows (the fact-segment triggers skip those rows while they
//     are fenced, and count every other write), deletes the ranges (every row appears at once) and
//     raises the data version.
//   removeFencedRows: after a failure, an abort or a killed import: deletes the fenced rows,
//     children first, in short transactions, then the ranges. No segment changes: no reader saw
//     those rows.
// Every write transaction begins with a write, so it takes the file's write lock before it reads
// (a read first would pin a snapshot that another connection's commit could make stale).
import type { Knex } from '@mikro-orm/knex';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { FENCED_TABLES, IMPORT_FENCE, type FencedTable } from '../../db/import-fence.js';
import { bumpDataVersionWith } from '../data-version/data-version.service.js';
import { raiseSegmentsOfFencedRows } from '../data-version/fact-segments.js';
import {
  checkReferences,
  idBase,
  type StagedPlan,
  type StagedTable,
} from './decision-list-staging.js';
import { openSearchBacklog } from './search-backlog.js';

/**
 * Rows per copy transaction. bench:import, 100,000 rows: most took 15–25 ms, the longest of a run
 * (the reservation or the publication included) 21–57 ms.
 */
export const COPY_ROWS = 2_000;

/** Ids per delete transaction when fenced rows are removed. */
const REMOVE_ROWS = 5_000;

/** Runs `work` in one transaction on the import's pinned connection. */
export type OnConnection = <T>(work: (trx: Knex.Transaction) => Promise<T>) => Promise<T>;

/** The link tables: a link is the import's when either record it joins is. */
const LINKS: Record<string, [string, FencedTable][]> = {
  product_source: [
    ['product_id', 'product'],
    ['source_id', 'source'],
  ],
  evaluation_source: [
    ['evaluation_id', 'evaluation'],
    ['source_id', 'source'],
  ],
  decision_source: [
    ['decision_id', 'decision'],
    ['source_id', 'source'],
  ],
};

export interface Fence {
  runId: number;
  /** The largest id each table had given when the ids were reserved. */
  bases: Map<string, number>;
}

const fenced = (table: string): table is FencedTable =>
  (FENCED_TABLES as readonly string[]).includes(table);

/** A staged id (< 0) as its reserved id, else the column as it is. */
function mappedColumn(fence: Fence, column: string, refTable: string | undefined): string {
  const base = refTable === undefined ? undefined : fence.bases.get(refTable);
  return base === undefined
    ? `s."${column}"`
    : `case when s."${column}" < 0 then ${base} - s."${column}" else s."${column}" end`;
}

/** Raised when another import's rows are fenced (one import copies at a time). */
export class FenceBusy extends Error {
  constructor(readonly runId: number) {
    super(`another import (run ${runId}) is writing its rows`);
  }
}

/**
 * In the caller's write transaction (which holds the lock): reserves the new rows' ids and
 * records the fence. Throws FenceBusy when another import's fence is there.
 */
export async function reserveFence(knex: Knex, staged: StagedPlan, runId: number): Promise<Fence> {
  const other = (await knex.raw(`select "run_id" from "${IMPORT_FENCE}" limit 1`)) as {
    run_id: number;
  }[];
  if (other.length) throw new FenceBusy(Number(other[0]!.run_id));
  await checkReferences(knex, staged);
  const bases = new Map<string, number>();
  for (const t of staged.tables) {
    if (t.kind !== 'insert' || !t.ids || !fenced(t.table)) continue;
    const base = await idBase(knex, t.table);
    bases.set(t.table, base);
    const hi = base + t.rows;
    await knex.raw(`delete from main.sqlite_sequence where "name" = ?`, [t.table]);
    await knex.raw(`insert into main.sqlite_sequence ("name", "seq") values (?, ?)`, [t.table, hi]);
    await knex.raw(
      `insert into "${IMPORT_FENCE}" ("name", "lo", "hi", "run_id") values (?, ?, ?, ?)`,
      [t.table, base + 1, hi, runId],
    );
    // The search entries of these rows are written after the publication (search-backlog.ts).
    await openSearchBacklog(knex, t.table, base);
  }
  return { runId, bases };
}

/** The staged rows of `t` that the publication writes, not the copy (see the header). */
function publishedCondition(t: StagedTable): string | null {
  if (t.kind === 'update') return 'true';
  if (t.kind === 'links')
    return Object.keys(t.refs)
      .map((c) => `s."${c}" > 0`)
      .join(' and ');
  if (t.table === 'certificate') return `s."product_id" > 0`;
  return null;
}

/** INSERT … SELECT of the staged rows of `t` matching `where` into its main table. */
function insertSql(fence: Fence, t: StagedTable, where: string): string {
  const values = t.columns.map((c) => mappedColumn(fence, c, t.refs[c]));
  const columns = t.columns.map((c) => `"${c}"`);
  if (t.kind === 'links')
    // `where …`: SQLite's parser needs a WHERE between a SELECT and an upsert clause.
    return (
      `insert into main."${t.table}" (${columns.join(', ')}) select ${values.join(', ')} ` +
      `from temp."${t.stage}" as s where ${where} on conflict (${columns.join(', ')}) do nothing`
    );
  return (
    `insert into main."${t.table}" ("id", ${columns.join(', ')}) ` +
    `select ${fence.bases.get(t.table)!} - s."id", ${values.join(', ')} ` +
    `from temp."${t.stage}" as s where ${where} order by s."id" desc`
  );
}

/**
 * Copies the new rows, COPY_ROWS staged rows per write transaction of `transaction` (which runs
 * its callback in one on the import's connection), calling `step` with the table after each.
 */
export async function copyFencedRows(
  transaction: OnConnection,
  staged: StagedPlan,
  fence: Fence,
  step: (table: string) => Promise<void>,
): Promise<void> {
  for (const t of staged.tables) {
    if (t.kind === 'update') continue;
    const published = publishedCondition(t);
    const own = published === null ? 'true' : `not (${published})`;
    for (let from = 1; from <= t.rows; from += COPY_ROWS) {
      const to = Math.min(t.rows, from + COPY_ROWS - 1);
      // Staged ids run -1, -2, …; link rows have none, their rowid (1, 2, …) picks the chunk.
      const range =
        t.kind === 'links'
          ? `s.rowid between ${from} and ${to}`
          : `s."id" between ${-to} and ${-from}`;
      await transaction((trx) => trx.raw(insertSql(fence, t, `${range} and ${own}`)));
      await step(t.table);
    }
  }
}

/**
 * In the caller's write transaction (which holds the lock): writes what the copy left (see the
 * header), lifts the fence and raises the data version. Throws FenceBusy when the fence is no
 * longer this import's (removed as a dead import's meanwhile).
 */
export async function publishFenced(knex: Knex, staged: StagedPlan, fence: Fence): Promise<void> {
  const mine = (await knex.raw(`select count(*) as "n" from "${IMPORT_FENCE}" where "run_id" = ?`, [
    fence.runId,
  ])) as { n: number }[];
  if (Number(mine[0]?.n ?? 0) !== fence.bases.size) throw new FenceBusy(fence.runId);
  for (const t of staged.tables) {
    const published = publishedCondition(t);
    if (published === null) continue;
    if (t.kind === 'update') {
      const sets = t.columns.map((c) => `"${c}" = ${mappedColumn(fence, c, t.refs[c])}`);
      await knex.raw(
        `update main."${t.table}" set ${sets.join(', ')}, "version" = "version" + 1 ` +
          `from temp."${t.stage}" as s where "${t.table}"."id" = s."id"`,
      );
    } else await knex.raw(insertSql(fence, t, published));
  }
  // The segments of the rows this import reserved (the triggers skipped them); its updates of
  // existing records above were counted by the triggers.
  await raiseSegmentsOfFencedRows(knex, fence.runId);
  await knex.raw(`delete from "${IMPORT_FENCE}" where "run_id" = ?`, [fence.runId]);
  await bumpDataVersionWith(knex);
}

/**
 * Deletes the rows fenced for `runId` (all fences when null), in short write transactions of
 * `transaction`, children first, then the fences. Returns how many ids the fences held.
 */
export async function removeFencedRows(
  transaction: OnConnection,
  runId: number | null,
): Promise<number> {
  const fences = (await transaction((trx) =>
    trx.raw(
      `select "name", "lo", "hi" from "${IMPORT_FENCE}"` +
        (runId === null ? '' : ' where "run_id" = ?'),
      runId === null ? [] : [runId],
    ),
  )) as { name: string; lo: number; hi: number }[];
  if (!fences.length) return 0;
  const rangeOf = new Map(fences.map((f) => [f.name, f]));
  const removeIn = async (table: string, column: string, lo: number, hi: number) => {
    for (let from = lo; from <= hi; from += REMOVE_ROWS) {
      const to = Math.min(hi, from + REMOVE_ROWS - 1);
      await transaction((trx) =>
        trx.raw(`delete from "${table}" where "${column}" between ? and ?`, [from, to]),
      );
      await nextTurn();
    }
  };
  for (const [table, columns] of Object.entries(LINKS))
    for (const [column, target] of columns) {
      const range = rangeOf.get(target);
      if (range) await removeIn(table, column, Number(range.lo), Number(range.hi));
    }
  // Children before the records they refer to.
  for (const table of [...FENCED_TABLES].reverse()) {
    const range = rangeOf.get(table);
    if (range) await removeIn(table, 'id', Number(range.lo), Number(range.hi));
  }
  // The rows removed were never seen and the triggers skipped them: no version changes.
  await transaction((trx) =>
    trx.raw(
      `delete from "${IMPORT_FENCE}"` + (runId === null ? '' : ' where "run_id" = ?'),
      runId === null ? [] : [runId],
    ),
  );
  return fences.reduce((sum, f) => sum + Number(f.hi) - Number(f.lo) + 1, 0);
}

/**
 * Removes the fences (and rows) of imports that are no longer running: killed, or cut short before
 * they could remove their own. The importer calls it before it reserves; the server at start.
 * Returns how many ids the fences held.
 */
export async function removeDeadFences(transaction: OnConnection): Promise<number> {
  const dead = (await transaction((trx) =>
    trx.raw(
      `select distinct f."run_id" as "runId" from "${IMPORT_FENCE}" as f where not exists ` +
        `(select 1 from "import_run" as r where r."id" = f."run_id" and r."status" = 'running')`,
    ),
  )) as { runId: number }[];
  let removed = 0;
  for (const { runId } of dead) removed += await removeFencedRows(transaction, Number(runId));
  return removed;
}

/**
 * At the server's start, on SQLite: removes the fences of imports no longer running (each delete
 * a short transaction of its own on the ORM's pool). Returns how many ids they held.
 */
export async function removeDeadFencesWith(knex: Knex): Promise<number> {
  return removeDeadFences((work) => knex.transaction(work));
}
