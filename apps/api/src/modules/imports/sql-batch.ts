// Set-based SQL for bulk work, the same on SQLite and PostgreSQL: SELECTs with chunked IN lists,
// multi-row INSERTs returning their ids, and one UPDATE per chunk with CASE per column. The
// number of statements grows with rows / chunk size, never with rows.
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager, Knex } from '@mikro-orm/knex';

/** Rows per IN list and per multi-row INSERT (well under SQLite's 32,766 bound parameters). */
export const CHUNK = 500;

export type Row = Record<string, unknown>;

/** The knex of `em`, inside its transaction when it has one. */
export function sqlOf(em: EntityManager): Knex {
  const trx = em.getTransactionContext<Knex.Transaction>();
  return trx ?? (em as SqlEntityManager).getKnex();
}

export function isPostgres(knex: Knex): boolean {
  return (knex.client as { dialect?: string }).dialect === 'postgresql';
}

export function chunks<T>(values: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/**
 * One multi-row `INSERT … VALUES (…), (…)` of `rows` (the columns of the first row), optionally
 * `on conflict (…) do nothing` and `returning "id"`. Written out instead of knex's insert because
 * knex's SQLite form is a compound SELECT (`select ? as a union all select …`), which SQLite
 * prepares two to three times slower than a VALUES list; PostgreSQL gets the same VALUES as before.
 */
export async function insertValues(
  knex: Knex,
  table: string,
  rows: readonly Row[],
  options: { ignoreConflictOn?: readonly string[]; returningId?: boolean } = {},
): Promise<Row[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const bindings: Knex.Value[] = [];
  for (const row of rows) for (const c of columns) bindings.push((row[c] ?? null) as Knex.Value);
  const sql =
    `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ` +
    rows.map(() => tuple).join(', ') +
    (options.ignoreConflictOn
      ? ` on conflict (${options.ignoreConflictOn.map((c) => `"${c}"`).join(', ')}) do nothing`
      : '') +
    (options.returningId ? ' returning "id"' : '');
  const result = (await knex.raw(sql, bindings)) as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** Runs `query` once per chunk of distinct `values` and concatenates the rows. */
export async function selectIn<T extends Row>(
  values: Iterable<string | number>,
  query: (chunk: (string | number)[]) => Promise<T[]>,
): Promise<T[]> {
  const distinct = [...new Set(values)];
  const rows: T[] = [];
  for (const chunk of chunks(distinct)) rows.push(...(await query(chunk)));
  return rows;
}

/**
 * Inserts one row per record (built chunk by chunk by `toRow`) in multi-row statements and sets
 * each record's new `id`. Within one INSERT both dialects assign increasing ids in VALUES order
 * (SQLite has one writer; PostgreSQL draws nextval row by row), so the returned ids are sorted
 * before they are matched to the records.
 */
export async function insertRecords<T extends { id: number | null }>(
  knex: Knex,
  table: string,
  records: readonly T[],
  toRow: (record: T) => Row,
  onChunk?: () => Promise<void>,
): Promise<void> {
  for (const chunk of chunks(records)) {
    const returned = await insertValues(knex, table, chunk.map(toRow), { returningId: true });
    const ids = returned.map((r) => Number(r.id)).sort((a, b) => a - b);
    if (ids.length !== chunk.length)
      throw new Error(`${table}: ${chunk.length} rows inserted, ${ids.length} ids returned`);
    chunk.forEach((record, i) => {
      record.id = ids[i]!;
    });
    await onChunk?.();
  }
}

/** Inserts link rows (both keys), ignoring those already there. */
export async function insertLinks(
  knex: Knex,
  table: string,
  keys: [string, string],
  rows: Row[],
  onChunk?: () => Promise<void>,
): Promise<void> {
  for (const chunk of chunks(rows)) {
    await insertValues(knex, table, chunk, { ignoreConflictOn: keys });
    await onChunk?.();
  }
}

/** Column types for the PostgreSQL casts a CASE over parameters needs. */
export type ColumnType = 'int' | 'text' | 'date';

/**
 * Sets per-row values with one UPDATE per chunk: `col = case id when ? then ? … end`, bumping
 * the optimistic-lock `version`. `updates` maps id → the new values of `columns`.
 */
export async function updateByCase(
  knex: Knex,
  table: string,
  columns: Record<string, ColumnType>,
  updates: Map<number, Row>,
  onChunk?: () => Promise<void>,
): Promise<void> {
  const pg = isPostgres(knex);
  const param = (type: ColumnType) =>
    pg ? `cast(? as ${type === 'int' ? 'integer' : type})` : '?';
  for (const chunk of chunks([...updates.entries()])) {
    const sets: string[] = [];
    const bindings: Knex.Value[] = [];
    for (const [column, type] of Object.entries(columns)) {
      const whens = chunk.map(([id, values]) => {
        bindings.push(id, (values[column] ?? null) as Knex.Value);
        return `when ? then ${param(type)}`;
      });
      sets.push(`"${column}" = case "id" ${whens.join(' ')} else "${column}" end`);
    }
    const ids = chunk.map(([id]) => id);
    bindings.push(...ids);
    await knex.raw(
      `update "${table}" set ${sets.join(', ')}, "version" = "version" + 1 where "id" in (${ids.map(() => '?').join(', ')})`,
      bindings,
    );
    await onChunk?.();
  }
}
