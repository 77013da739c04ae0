// SQLite's write of an import plan, step one: stagePlan puts the plan's rows into TEMP tables of
// the import's own connection (a connection's TEMP database is its own: writing there takes no
// lock on the main file), a chunk at a time with `step` (progress, abort, a turn of the event
// loop) between chunks. New records get staged ids -1, -2, … per table, so a reference to a staged
// record (< 0) is told apart from a reference to an existing one (> 0, kept as is). Step two,
// the copy into the main tables in short write transactions behind the import fence, is
// decision-list-fenced-copy.ts. The staged TEMP tables live as long as the connection: the
// importer drops them when it is done (dropStaged), whatever happened.
import type { Knex } from '@mikro-orm/knex';
import type { ImportPlan } from './decision-list-plan.js';
import { idOf, planRows } from './decision-list-writer.js';
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
  /** Rows carry a staged id (inserted records, -1, -2, …, and updates' own ids). */
  ids: boolean;
  /** Rows staged. */
  rows: number;
}

export type { StagedTable };

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
 * Writes `plan` into TEMP tables of `knex`'s connection (which must stay the same until the copy:
 * the importer pins one). Sets the plan's new records' ids to staged ids.
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
  // Certificates are referenced by nothing in the plan: their staged ids are their positions.
  const certificateIds = new Map(plan.certificates.map((c, index) => [c, -(index + 1)]));
  const rows = planRows((value) => (value ? 1 : 0));
  const tables: StagedTable[] = [];
  const stage = async <T>(
    spec: Omit<StagedTable, 'stage' | 'columns' | 'rows'>,
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
    // The reservation checks the references to existing records (> 0) under the write lock
    // (checkReferences): indexed, it reads those alone, not every staged row (100,000 rows: the
    // reservation held the lock 114 ms, most of it scanning).
    for (const column of columns!.filter((c) => c.endsWith('_id')))
      await knex.raw(`create index temp."${name}_${column}" on "${name}" ("${column}")`);
    tables.push({ ...spec, stage: name, columns: columns!, rows: records.length });
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
      ids: true,
    },
    plan.certificates,
    (c): Row => ({ id: certificateIds.get(c)!, ...rows.certificate(c) }),
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
export async function idBase(knex: Knex, table: string): Promise<number> {
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
 * The foreign keys a copy could break, checked with one statement per staged column that holds
 * one: a reference to an existing record (> 0: a unit, or a record read when the plan was made)
 * must still find it. A staged id (< 0) becomes a record the same copy inserts, so it needs no
 * check. With SQLite's own enforcement on, every inserted row would also look up its parents and,
 * in a multi-row INSERT, probe each child table for rows waiting on it (10,000 rows: about a tenth
 * of the copy's time under the lock). The copy deletes nothing and changes no key a child refers
 * to, so this is all the enforcement it needs; the importer turns SQLite's off for the copy.
 */
export async function checkReferences(knex: Knex, staged: StagedPlan): Promise<void> {
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
 * Drops the TEMP tables (they would live as long as the connection), outside any write
 * transaction: a TEMP table is the connection's own, so this takes no lock on the file.
 */
export async function dropStaged(
  knex: Knex,
  staged: StagedPlan,
  connection: unknown,
): Promise<void> {
  for (const t of staged.tables)
    await knex.raw(`drop table if exists temp."${t.stage}"`).connection(connection);
}
