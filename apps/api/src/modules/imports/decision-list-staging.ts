// SQLite's write of an import plan in two steps (issue 11 point 1), so that the database file's
// write lock, which every other writer waits for, is held for one short copy instead of the whole
// write:
//   stagePlan: on the import's own connection, the plan's rows go into TEMP tables (a connection's
//     TEMP database is its own: writing there takes no lock on the main file), a chunk at a time
//     with `step` (progress, abort, a turn of the event loop) between chunks. New records get
//     staged ids -1, -2, … per table, so a reference to a staged record (< 0) is told apart from a
//     reference to an existing one (> 0, kept as is).
//   copyStaged: in the caller's write transaction, one INSERT … SELECT per table turns staged id -k
//     into base + k, where base is the table's largest id ever given (max(id) or its AUTOINCREMENT
//     sequence, read under the lock, so no id is reused), in the same order the one-statement
//     writer (decision-list-writer.ts) gives them; then UPDATE … FROM applies the fills and
//     supersessions, and the data version is raised. A unique index that a write made meanwhile
//     now meets fails the statement, and the caller's transaction rolls back whole.
// The caller starts that transaction with a write (the main file's lock first) and checks there
// that the data version is still the one the plan was read at (decision-list-importer.ts). It
// runs the copy with SQLite's foreign-key enforcement off (checkReferences does the part of it
// that a copy can break, far cheaper) and drops the TEMP tables after its commit (dropStaged):
// neither needs the lock.
import type { Knex } from '@mikro-orm/knex';
import { bumpDataVersionWith } from '../data-version/data-version.service.js';
import type { ImportPlan } from './decision-list-plan.js';
import { idOf, planRows } from './decision-list-writer.js';
import { openSearchBacklog } from './search-backlog.js';
import { chunks, insertValues, type Row } from './sql-batch.js';

/** A staged TEMP table and how it is copied into its main table. */
interface StagedTable {
  /** The main table. */
  table: string;
  stage: string;
  /** Copied columns (without `id`). */
  columns: string[];
  /** Columns that may hold a staged id, and the main table that id belongs to. */
  refs: Record<string, string>;
  /** `insert`: new records (staged ids when `ids`); `links`: ignore existing pairs; `update`. */
  kind: 'insert' | 'links' | 'update';
  /** Rows carry a staged id (inserted records that others reference, and updates' own ids). */
  ids: boolean;
}

export interface StagedPlan {
  /** In copy order (the one-statement writer's order). */
  tables: StagedTable[];
}

const stageName = (table: string, kind: StagedTable['kind']) =>
  `import_stage_${table}${kind === 'update' ? '_update' : ''}`;

/** Staged ids -1, -2, … in plan order. */
function assignStagedIds(records: { id: number | null }[]): void {
  records.forEach((record, index) => (record.id = -(index + 1)));
}

/**
 * Writes `plan` into TEMP tables of `knex`'s connection (which must stay the same until
 * copyStaged: run both in one transaction). Sets the plan's new records' ids to staged ids.
 */
export async function stagePlan(
  knex: Knex,
  plan: ImportPlan,
  step: () => Promise<void>,
): Promise<StagedPlan> {
  for (const records of [
    plan.sources,
    plan.entities,
    plan.products,
    plan.evaluations,
    plan.decisions,
    plan.items,
  ])
    assignStagedIds(records);
  const rows = planRows((value) => (value ? 1 : 0));
  const tables: StagedTable[] = [];
  const stage = async <T>(
    spec: Omit<StagedTable, 'stage' | 'columns'>,
    records: readonly T[],
    toRow: (record: T) => Row,
  ) => {
    if (records.length === 0) return;
    const name = stageName(spec.table, spec.kind);
    let columns: string[] | null = null;
    for (const chunk of chunks(records)) {
      const staged = chunk.map(toRow);
      if (!columns) {
        columns = Object.keys(staged[0]!).filter((c) => c !== 'id');
        // Untyped columns: a value keeps the type it is bound with until the copy, where the
        // main table's column affinity applies as it would to a direct INSERT.
        const defs = [
          ...(spec.ids ? ['"id" integer primary key'] : []),
          ...columns.map((c) => `"${c}"`),
        ];
        await knex.raw(`drop table if exists temp."${name}"`);
        await knex.raw(`create temp table "${name}" (${defs.join(', ')})`);
      }
      await insertValues(knex, name, staged);
      await step();
    }
    tables.push({ ...spec, stage: name, columns: columns! });
  };
  const withId =
    <T extends { id: number | null }>(toRow: (record: T) => Row) =>
    (record: T): Row => ({ id: idOf(record), ...toRow(record) });

  await stage(
    { table: 'source', refs: {}, kind: 'insert', ids: true },
    plan.sources,
    withId(rows.source),
  );
  await stage(
    { table: 'economic_entity', refs: {}, kind: 'insert', ids: true },
    plan.entities,
    withId(rows.entity),
  );
  await stage(
    { table: 'product', refs: { entity_id: 'economic_entity' }, kind: 'insert', ids: true },
    plan.products,
    withId(rows.product),
  );
  await stage(
    { table: 'evaluation', refs: { product_id: 'product' }, kind: 'insert', ids: true },
    plan.evaluations,
    withId(rows.evaluation),
  );
  await stage(
    { table: 'decision', refs: {}, kind: 'insert', ids: true },
    plan.decisions,
    withId(rows.decision),
  );
  await stage(
    {
      table: 'decision_item',
      refs: { decision_id: 'decision', product_id: 'product' },
      kind: 'insert',
      ids: true,
    },
    plan.items,
    withId(rows.item),
  );
  // Supersede first: the unique index allows one open certificate per product at any moment.
  await stage(
    { table: 'certificate', refs: {}, kind: 'update', ids: true },
    [...plan.supersede],
    ([id, on]): Row => ({ id, superseded_on: on }),
  );
  await stage(
    {
      table: 'certificate',
      refs: { product_id: 'product', decision_item_id: 'decision_item' },
      kind: 'insert',
      ids: false,
    },
    plan.certificates,
    rows.certificate,
  );
  await stage(
    {
      table: 'product_source',
      refs: { product_id: 'product', source_id: 'source' },
      kind: 'links',
      ids: false,
    },
    plan.productSources,
    ([p, s]): Row => ({ product_id: idOf(p), source_id: idOf(s) }),
  );
  await stage(
    {
      table: 'evaluation_source',
      refs: { evaluation_id: 'evaluation', source_id: 'source' },
      kind: 'links',
      ids: false,
    },
    plan.evaluationSources,
    ([e, s]): Row => ({ evaluation_id: idOf(e), source_id: idOf(s) }),
  );
  await stage(
    {
      table: 'decision_source',
      refs: { decision_id: 'decision', source_id: 'source' },
      kind: 'links',
      ids: false,
    },
    plan.decisionSources,
    ([d, s]): Row => ({ decision_id: idOf(d), source_id: idOf(s) }),
  );
  await stage(
    { table: 'economic_entity', refs: {}, kind: 'update', ids: true },
    plan.entitiesChanged,
    withId(rows.entityUpdate),
  );
  await stage(
    { table: 'product', refs: { entity_id: 'economic_entity' }, kind: 'update', ids: true },
    plan.productsChanged,
    withId(rows.productUpdate),
  );
  return { tables };
}

/** The largest id `table` ever gave (its AUTOINCREMENT sequence survives deleted rows). */
async function idBase(knex: Knex, table: string): Promise<number> {
  const rows = (await knex.raw(
    `select max(coalesce((select max("id") from main."${table}"), 0),
                coalesce((select "seq" from main.sqlite_sequence where "name" = ?), 0)) as "base"`,
    [table],
  )) as { base: number | bigint }[];
  const base = Number(rows[0]?.base ?? 0);
  if (!Number.isSafeInteger(base)) throw new Error(`${table}: id base ${base} out of range`);
  return base;
}

/**
 * Copies the staged plan into the main tables inside the caller's write transaction (which must
 * already hold the write lock) and raises the data version: one statement per staged table,
 * however many rows it holds (and one per foreign key to check).
 */
export async function copyStaged(knex: Knex, staged: StagedPlan): Promise<void> {
  await checkReferences(knex, staged);
  const bases = new Map<string, number>();
  for (const { table, kind, ids } of staged.tables)
    if (kind === 'insert' && ids && !bases.has(table)) bases.set(table, await idBase(knex, table));
  // A staged id -k becomes base + k; existing ids (> 0) and nulls stay.
  const mapped = (column: string, refTable: string | undefined) => {
    const base = refTable === undefined ? undefined : bases.get(refTable);
    return base === undefined
      ? `s."${column}"`
      : `case when s."${column}" < 0 then ${base} - s."${column}" else s."${column}" end`;
  };
  // The search tables' entries of the rows inserted here are written after the lock is released
  // (search-backlog.ts): the backlog opens at the base, and the insert triggers skip the rows above.
  for (const [table, base] of bases) await openSearchBacklog(knex, table, base);
  for (const t of staged.tables) {
    const values = t.columns.map((c) => mapped(c, t.refs[c]));
    const columns = t.columns.map((c) => `"${c}"`);
    if (t.kind === 'update') {
      const sets = t.columns.map((c, i) => `"${c}" = ${values[i]}`);
      await knex.raw(
        `update main."${t.table}" set ${sets.join(', ')}, "version" = "version" + 1 ` +
          `from temp."${t.stage}" as s where "${t.table}"."id" = s."id"`,
      );
    } else if (t.kind === 'links') {
      // `where true`: SQLite's parser needs it between a SELECT and an upsert clause.
      await knex.raw(
        `insert into main."${t.table}" (${columns.join(', ')}) select ${values.join(', ')} ` +
          `from temp."${t.stage}" as s where true on conflict (${columns.join(', ')}) do nothing`,
      );
    } else if (t.ids) {
      await knex.raw(
        `insert into main."${t.table}" ("id", ${columns.join(', ')}) ` +
          `select ${bases.get(t.table)!} - s."id", ${values.join(', ')} from temp."${t.stage}" as s order by s."id" desc`,
      );
    } else {
      await knex.raw(
        `insert into main."${t.table}" (${columns.join(', ')}) ` +
          `select ${values.join(', ')} from temp."${t.stage}" as s order by s.rowid`,
      );
    }
  }
  await bumpDataVersionWith(knex);
}

/**
 * The foreign keys a copy could break, checked with one statement per staged column that holds
 * one: a reference to an existing record (> 0: a unit, or a record read when the plan was made)
 * must still find it. A staged id (< 0) becomes a record the same copy inserts, so it needs no
 * check. With SQLite's own enforcement on, every inserted row would also look up its parents and,
 * in a multi-row INSERT, probe each child table for rows waiting on it (10,000 rows: about a tenth
 * of the copy's time under the lock). The copy deletes nothing and changes no key a child refers
 * to, so this is all the enforcement it needs; the importer turns SQLite's off for the copy.
 */
async function checkReferences(knex: Knex, staged: StagedPlan): Promise<void> {
  for (const t of staged.tables) {
    const keys = (await knex.raw(
      `select "from" as "column", "table" as "parent", "to" as "key" from pragma_foreign_key_list(?)`,
      [t.table],
    )) as { column: string; parent: string; key: string | null }[];
    for (const { column, parent, key } of keys) {
      if (!t.columns.includes(column)) continue;
      const missing = (await knex.raw(
        `select s."${column}" as "id" from temp."${t.stage}" as s where s."${column}" > 0 ` +
          `and not exists (select 1 from main."${parent}" as p where p."${key ?? 'id'}" = s."${column}") limit 1`,
      )) as { id: number }[];
      if (missing.length)
        throw new Error(
          `FOREIGN KEY constraint failed: ${t.table}.${column} ${missing[0]!.id} refers to no ${parent} (deleted meanwhile)`,
        );
    }
  }
}

/**
 * Drops the TEMP tables once the copy is committed (they would live as long as the connection),
 * outside the write transaction: a TEMP table is the connection's own, so this takes no lock on
 * the file. A transaction that rolls back instead (abort, changed data, a conflict) takes its TEMP
 * tables with it (they were created in it), so nothing is left to drop then.
 */
export async function dropStaged(knex: Knex, staged: StagedPlan): Promise<void> {
  for (const t of staged.tables) await knex.raw(`drop table if exists temp."${t.stage}"`);
}
