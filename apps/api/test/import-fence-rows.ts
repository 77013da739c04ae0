// The rows an unfinished import holds (import-fence.test.ts): written straight into the main
// tables of a seeded SQLite database, each table's ids above all others, with their ranges in
// `import_fence` as the importer records them (src/db/import-fence.ts). Among them: a new entity
// with its product, a new product of an existing entity, evaluations (one of an existing
// product), two decisions with items, certificates (one in force for an existing product), two
// sources, and links both from new rows and from existing rows to the new sources.
import type { MikroORM } from '@mikro-orm/core';
import { vietnameseSortKey } from '@ocop/domain';
import { FENCED_TABLES, type FencedTable } from '../src/db/import-fence.js';
import { normalizeText } from '../src/modules/shared/normalize-text.js';

/** The run the fences recorded here belong to (no such run exists). */
export const FENCE_RUN_ID = 4242;

export interface ImportRows {
  /** Existing products the import adds to: [a new evaluation and links, a new certificate]. */
  existingProducts: [number, number];
  /** The new entity's product. */
  newProduct: number;
  /** Names of an existing and of a new product, with their unit (the importer's references). */
  productNames: { name: string; unitId: number | null }[];
  /** The ids each fenced table's new rows take (first, last). */
  ranges: Record<FencedTable, [number, number]>;
}

type Row = Record<string, string | number | null>;

export async function insertImportRows(
  orm: MikroORM,
  options: { dryRun: boolean },
): Promise<ImportRows> {
  const connection = orm.em.getConnection();
  const one = async (sql: string, params: unknown[] = []) =>
    ((await connection.execute(sql, params)) as Row[])[0]!;
  const next = new Map<FencedTable, number>();
  for (const table of FENCED_TABLES)
    next.set(table, Number((await one(`select coalesce(max(id), 0) + 1 as n from ${table}`)).n));
  // A product of rice ("gạo") evaluated again, and one with no certificate in force certified.
  const evaluated = await one(
    `select id, entity_id, name, unit_id from product where normalized_name like '%gao%' order by id limit 1`,
  );
  const certified = await one(
    'select id, unit_id, group1048, group148 from product where unit_id is not null and id not in ' +
      '(select product_id from certificate where revoked_on is null and superseded_on is null) ' +
      'order by id limit 1',
  );
  const oldEvaluation = await one('select id from evaluation where product_id = ? limit 1', [
    evaluated.id,
  ]);
  const oldDecision = await one(
    'select decision_id as id from decision_item where product_id = ? limit 1',
    [evaluated.id],
  );
  const ids = (table: FencedTable, n: number) =>
    Array.from({ length: n }, (_, i) => next.get(table)! + i);
  const [s1, s2] = ids('source', 2);
  const [entity] = ids('economic_entity', 1);
  const [productA, productB] = ids('product', 2);
  const [evalA, evalB, evalOld] = ids('evaluation', 3);
  const [d1, d2] = ids('decision', 2);
  const [i1, i2, i3] = ids('decision_item', 3);
  const counts: Record<FencedTable, number> = {
    source: 2,
    economic_entity: 1,
    product: 2,
    evaluation: 3,
    decision: 2,
    decision_item: 3,
    certificate: 3,
  };
  const unitOf = (row: Row) => (row.unit_id === null ? null : Number(row.unit_id));
  const rows: ImportRows = {
    existingProducts: [Number(evaluated.id), Number(certified.id)],
    newProduct: productA!,
    productNames: [
      { name: String(evaluated.name), unitId: unitOf(evaluated) },
      { name: 'Bánh pía Fencetest', unitId: unitOf(certified) },
    ],
    ranges: Object.fromEntries(
      FENCED_TABLES.map((t) => [t, [next.get(t)!, next.get(t)! + counts[t] - 1]]),
    ) as ImportRows['ranges'],
  };
  if (options.dryRun) return rows;

  const insert = async (table: string, row: Row) => {
    const columns = Object.keys(row);
    await connection.execute(
      `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      Object.values(row),
    );
  };
  const named = (name: string) => ({
    name,
    normalized_name: normalizeText(name),
    sort_key: vietnameseSortKey(name),
  });
  const unit = certified.unit_id;
  for (const [id, n] of [
    [s1, 1],
    [s2, 2],
  ])
    await insert('source', { id: id!, url: `https://example.org/fencetest-${n}` });
  await insert('economic_entity', {
    id: entity!,
    ...named('Hợp tác xã Fencetest'),
    type: 'cooperative',
    commune: 'Fencetest',
    normalized_commune: 'fencetest',
    unit_id: unit!,
    registered_on: '2021-04-01',
    registered_precision: 'day',
  });
  const product = (id: number, name: string, entityId: unknown): Row => ({
    id,
    ...named(name),
    entity_id: Number(entityId),
    unit_id: unit!,
    commune: 'Fencetest',
    normalized_commune: 'fencetest',
    group1048: certified.group1048!,
    group148: certified.group148!,
    registered_on: '2021-04-02',
    registered_precision: 'day',
  });
  await insert('product', product(productA!, 'Bánh pía Fencetest', entity));
  await insert('product', product(productB!, 'Trà Fencetest', evaluated.entity_id));
  const evaluation = (id: number, productId: unknown, level: string, date: string, stars: number) =>
    insert('evaluation', {
      id,
      product_id: Number(productId),
      level,
      date,
      date_precision: 'day',
      year: Number(date.slice(0, 4)),
      rule_set_code: 'QD1048',
      total: 50 + stars * 10,
      stars,
      outcome: 'passed',
    });
  await evaluation(evalA!, productA, 'province', '2021-05-20', 4);
  await evaluation(evalB!, productB, 'district', '2021-05-10', 3);
  await evaluation(evalOld!, evaluated.id, 'district', '2021-05-21', 3);
  const decision = (id: number, n: number, date: string, batch: string | null) =>
    insert('decision', {
      id,
      group_key: `fencetest-${n}`,
      number: `${n}/QĐ-FENCETEST`,
      date,
      date_precision: 'day',
      issuing_level: 'province',
      batch,
      year: Number(date.slice(0, 4)),
    });
  await decision(d1!, 1, '2021-06-15', 'đợt 3/2021');
  await decision(d2!, 2, '2023-03-01', null);
  const items: [number, number, unknown, number, string, string][] = [
    [i1!, d1!, productA, 4, '2021-06-15', '2024-06-15'],
    [i2!, d1!, productB, 3, '2021-06-15', '2024-06-15'],
    [i3!, d2!, certified.id, 4, '2023-03-01', '2026-03-01'],
  ];
  for (const [id, decisionId, productId, stars] of items)
    await insert('decision_item', {
      id,
      decision_id: decisionId,
      product_id: Number(productId),
      stars,
    });
  const [c1] = ids('certificate', items.length);
  for (const [n, [item, , productId, stars, issuedOn, validUntil]] of items.entries())
    await insert('certificate', {
      id: c1! + n,
      product_id: Number(productId),
      decision_item_id: item,
      stars,
      issued_on: issuedOn,
      issued_precision: 'day',
      valid_until: validUntil,
    });
  const links: [string, string, unknown, number][] = [
    ['product_source', 'product_id', productA, s1!],
    ['product_source', 'product_id', evaluated.id, s2!],
    ['evaluation_source', 'evaluation_id', evalOld, 1],
    ['evaluation_source', 'evaluation_id', oldEvaluation.id, s2!],
    ['decision_source', 'decision_id', d1, 1],
    ['decision_source', 'decision_id', oldDecision.id, s2!],
  ];
  for (const [table, column, id, source] of links)
    await insert(table, { [column]: Number(id), source_id: source });
  for (const table of FENCED_TABLES) {
    const [lo, hi] = rows.ranges[table];
    await insert('import_fence', { name: table, lo, hi, run_id: FENCE_RUN_ID });
  }
  return rows;
}
