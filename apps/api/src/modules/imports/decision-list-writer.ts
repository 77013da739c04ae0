// Writes an ImportPlan with set-based statements inside the caller's transaction: multi-row
// INSERTs in dependency order (sources, entities, products, evaluations, decisions, items,
// certificates, links), then one UPDATE per chunk for the facts filled in; the certificates a new
// one supersedes are updated just before the new ones are inserted; last the fact segments the
// import wrote to (on PostgreSQL its statements skip the fact-segment triggers) and the data
// version (cached figures).
// `step` runs between statements (progress, abort, a turn of the event loop). The rows
// themselves are built by planRows, which the SQLite staging (decision-list-staging.ts) shares.
import { mapGroup1048To148, vietnameseSortKey } from '@ocop/domain';
import type { Knex } from '@mikro-orm/knex';
import { bumpDataVersionWith } from '../data-version/data-version.service.js';
import {
  raiseSegmentsOfRows,
  segmentsOfProducts,
  type RowsWritten,
} from '../data-version/fact-segments.js';
import { normalizeText } from '../shared/normalize-text.js';
import type {
  CertificateRec,
  DecisionRec,
  EntityRec,
  EvaluationRec,
  ImportPlan,
  ItemRec,
  ProductRec,
  SourceRec,
} from './decision-list-plan.js';
import {
  chunks,
  insertLinks,
  insertRecords,
  insertValues,
  isPostgres,
  updateByCase,
  type ColumnType,
  type Row,
} from './sql-batch.js';

export const idOf = (record: { id: number | null }): number => {
  if (record.id === null) throw new Error('import plan: a record was used before it was written');
  return record.id;
};
const normalizedOrNull = (text: string | null) => (text ? normalizeText(text) : null);
const group148 = (group1048: string | null) =>
  group1048 ? mapGroup1048To148(group1048).code : null;

/** The column values of each kind of record the plan inserts or updates (`bool` per dialect). */
export function planRows(bool: (value: boolean) => boolean | number) {
  return {
    source: (s: SourceRec): Row => ({ url: s.url }),
    entity: (e: EntityRec): Row => ({
      name: e.name,
      normalized_name: e.normalizedName,
      sort_key: vietnameseSortKey(e.name),
      type: e.type,
      commune: e.commune,
      normalized_commune: normalizedOrNull(e.commune),
      unit_id: e.unitId,
      registered_on: e.registeredOn,
      registered_precision: e.registeredPrecision,
    }),
    product: (p: ProductRec): Row => ({
      name: p.name,
      normalized_name: p.normalizedName,
      sort_key: vietnameseSortKey(p.name),
      entity_id: p.entity ? idOf(p.entity) : null,
      unit_id: p.unitId,
      commune: p.commune,
      normalized_commune: normalizedOrNull(p.commune),
      group1048: p.group1048,
      group148: group148(p.group1048),
      registered_on: p.registeredOn,
      registered_precision: p.registeredPrecision,
    }),
    evaluation: (e: EvaluationRec): Row => ({
      product_id: idOf(e.product),
      level: e.level,
      date: e.date.date,
      date_precision: e.date.precision,
      year: Number(e.date.date.slice(0, 4)),
      rule_set_code: e.ruleSetCode,
      total: e.total,
      stars: e.stars,
      potential_five_star: bool(e.potentialFiveStar),
      round: e.round,
      outcome: e.stars !== null ? 'passed' : 'unknown',
    }),
    decision: (d: DecisionRec): Row => ({
      group_key: d.groupKey,
      number: d.number,
      date: d.date.date,
      date_precision: d.date.precision,
      issuing_level: d.level,
      batch: d.batch,
      year: d.year,
    }),
    item: (i: ItemRec): Row => ({
      decision_id: idOf(i.decision),
      product_id: idOf(i.product),
      stars: i.stars,
      action: 'recognise',
      without_evaluation: bool(i.withoutEvaluation),
    }),
    certificate: (c: CertificateRec): Row => ({
      product_id: idOf(c.product),
      decision_item_id: idOf(c.item),
      stars: c.stars,
      issued_on: c.issuedOn,
      issued_precision: c.issuedPrecision,
      valid_until: c.validUntil,
      superseded_on: c.supersededOn,
    }),
    /** Facts filled in on an existing entity. */
    entityUpdate: (e: EntityRec): Row => ({
      type: e.type,
      commune: e.commune,
      normalized_commune: normalizedOrNull(e.commune),
      registered_on: e.registeredOn,
      registered_precision: e.registeredPrecision,
    }),
    /** Facts filled in on an existing product. */
    productUpdate: (p: ProductRec): Row => ({
      entity_id: p.entity ? idOf(p.entity) : p.existingEntityId,
      group1048: p.group1048,
      group148: group148(p.group1048),
      commune: p.commune,
      normalized_commune: normalizedOrNull(p.commune),
      registered_on: p.registeredOn,
      registered_precision: p.registeredPrecision,
    }),
  };
}

/** Column types of the updates (PostgreSQL's casts in updateByCase). */
export const ENTITY_UPDATE_COLUMNS: Record<string, ColumnType> = {
  type: 'text',
  commune: 'text',
  normalized_commune: 'text',
  registered_on: 'date',
  registered_precision: 'text',
};
export const PRODUCT_UPDATE_COLUMNS: Record<string, ColumnType> = {
  entity_id: 'int',
  group1048: 'text',
  group148: 'text',
  commune: 'text',
  normalized_commune: 'text',
  registered_on: 'date',
  registered_precision: 'text',
};

export async function writePlan(
  knex: Knex,
  plan: ImportPlan,
  step: () => Promise<void>,
): Promise<void> {
  const postgres = isPostgres(knex);
  const rows = planRows((value) => (postgres ? value : value ? 1 : 0));
  // PostgreSQL: the fact-segment triggers skip this transaction's statements, and the segments
  // the import wrote to are raised once at the end instead (db/migrations/fact-segment-triggers.ts):
  // segment rows locked until this long transaction commits would make API writes to them wait for
  // it. The next overview counts only those segments again, not every fact.
  if (postgres) await knex.raw(`set local ocop.bulk_write = 'on'`);

  await insertRecords(knex, 'source', plan.sources, rows.source, step);
  await insertRecords(knex, 'economic_entity', plan.entities, rows.entity, step);
  await insertRecords(knex, 'product', plan.products, rows.product, step);
  await insertRecords(knex, 'evaluation', plan.evaluations, rows.evaluation, step);
  await insertRecords(knex, 'decision', plan.decisions, rows.decision, step);
  await insertRecords(knex, 'decision_item', plan.items, rows.item, step);
  // Supersede first: the unique index allows one open certificate per product at any moment.
  const certificateUpdates = new Map<number, Row>();
  for (const [id, on] of plan.supersede) certificateUpdates.set(id, { superseded_on: on });
  await updateByCase(knex, 'certificate', { superseded_on: 'date' }, certificateUpdates, step);
  for (const chunk of chunks(plan.certificates)) {
    await insertValues(knex, 'certificate', chunk.map(rows.certificate));
    await step();
  }

  await insertLinks(
    knex,
    'product_source',
    ['product_id', 'source_id'],
    plan.productSources.map(([p, s]) => ({ product_id: idOf(p), source_id: idOf(s) })),
    step,
  );
  await insertLinks(
    knex,
    'evaluation_source',
    ['evaluation_id', 'source_id'],
    plan.evaluationSources.map(([e, s]) => ({ evaluation_id: idOf(e), source_id: idOf(s) })),
    step,
  );
  await insertLinks(
    knex,
    'decision_source',
    ['decision_id', 'source_id'],
    plan.decisionSources.map(([d, s]) => ({ decision_id: idOf(d), source_id: idOf(s) })),
    step,
  );

  const entityUpdates = new Map<number, Row>();
  for (const e of plan.entitiesChanged) entityUpdates.set(idOf(e), rows.entityUpdate(e));
  await updateByCase(knex, 'economic_entity', ENTITY_UPDATE_COLUMNS, entityUpdates, step);
  const productUpdates = new Map<number, Row>();
  for (const p of plan.productsChanged) productUpdates.set(idOf(p), rows.productUpdate(p));
  // A product given an entity leaves its own segment for the entity's: both change.
  const leftSegments = postgres ? await segmentsOfProducts(knex, productUpdates.keys()) : [];
  await updateByCase(knex, 'product', PRODUCT_UPDATE_COLUMNS, productUpdates, step);
  // Last, so the segment rows and the version row stay locked only for this transaction's commit.
  if (postgres) await raiseSegmentsOfRows(knex, touchedRows(plan, leftSegments));
  // SQLite (whose imports copy fenced rows instead: decision-list-fenced-copy.ts): the row
  // triggers counted these statements' segments.
  await bumpDataVersionWith(knex);
}

/** The entities and products whose facts the plan wrote (evaluations and items: their product's). */
function touchedRows(plan: ImportPlan, leftSegments: number[]): RowsWritten {
  const entityIds = new Set<number>();
  for (const e of plan.entities) entityIds.add(idOf(e));
  for (const e of plan.entitiesChanged) entityIds.add(idOf(e));
  const productIds = new Set<number>();
  for (const p of plan.products) productIds.add(idOf(p));
  for (const p of plan.productsChanged) productIds.add(idOf(p));
  for (const e of plan.evaluations) productIds.add(idOf(e.product));
  for (const i of plan.items) productIds.add(idOf(i.product));
  return { entityIds, productIds, segments: leftSegments };
}
