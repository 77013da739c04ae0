// Fact segments: the province's facts partitioned into blocks of economic entities, so a figure's
// partial results can be cached per segment and only the segments whose facts changed recomputed.
// An entity with id E is in segment E / 256; a product is in its entity's segment, or, without an
// entity, in a negative segment of its own id (-1 - id / 256), so the two never collide.
//
// `fact_segment` holds one row per segment ever changed (no row: version 0); database triggers
// raise a segment's version with every write to a fact in it (db/migrations/fact-segment-triggers.ts),
// so every writer — the ORM, raw SQL, a manual fix — is counted. The PostgreSQL importer skips the
// triggers and raises the segments it wrote to once, at the end of its transaction
// (raiseSegmentsOfRows); SQLite's fenced import, whose reserved rows the triggers skip, raises
// theirs when it publishes them (raiseSegmentsOfFencedRows). Seeds raise
// `data_version.segments_epoch` instead, which makes every segment stale at once (bumpDataVersion
// with `allSegments`, data-version.service.ts).
import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { IMPORT_FENCE } from '../../db/import-fence.js';

/** Entities per segment. */
export const FACT_SEGMENT_SIZE = 256;

/** The table of segment versions. */
export const FACT_SEGMENT = 'fact_segment';

/** SQL: the segment of the entity whose id is `idColumn` (integer division in both dialects). */
export function entitySegmentSql(idColumn: string): string {
  return `(${idColumn} / ${FACT_SEGMENT_SIZE})`;
}

/**
 * SQL: the segment of the product whose entity is `entityIdColumn` and id `idColumn`: its entity's,
 * or a negative segment of its own when it has none.
 */
export function productSegmentSql(entityIdColumn: string, idColumn: string): string {
  return (
    `(case when ${entityIdColumn} is null then -1 - ${idColumn} / ${FACT_SEGMENT_SIZE} ` +
    `else ${entityIdColumn} / ${FACT_SEGMENT_SIZE} end)`
  );
}

/** Every segment's version (segments never changed are absent: version 0), in `em`'s transaction. */
export async function readSegmentVersions(em: EntityManager): Promise<Map<number, number>> {
  const rows: { segment: unknown; version: unknown }[] = await em
    .getConnection()
    .execute(
      `select segment, version from ${FACT_SEGMENT} order by segment`,
      [],
      'all',
      em.getTransactionContext(),
    );
  return new Map(rows.map((r) => [Number(r.segment), Number(r.version)]));
}

/** The segments epoch: raised by every write that changed facts without raising their segments. */
export async function readSegmentsEpoch(em: EntityManager): Promise<number> {
  const row = await em
    .getConnection()
    .execute<{ epoch: unknown } | undefined>(
      'select segments_epoch as epoch from data_version where id = 1',
      [],
      'get',
      em.getTransactionContext(),
    );
  return Number(row?.epoch ?? 0);
}

/** entitySegmentSql in JavaScript (ids are non-negative integers: truncation is the floor). */
export function entitySegment(entityId: number): number {
  return Math.floor(entityId / FACT_SEGMENT_SIZE);
}

/** productSegmentSql of a product without an entity, in JavaScript. */
export function loneProductSegment(productId: number): number {
  return -1 - Math.floor(productId / FACT_SEGMENT_SIZE);
}

/** A PostgreSQL array literal of integers (one binding, not one per id). */
const intArray = (ids: Iterable<number>): string => `{${[...ids].join(',')}}`;

/** The entities and products a bulk write changed (PostgreSQL). */
export interface RowsWritten {
  entityIds: Iterable<number>;
  /** Read after the write: the segments of the products as they now are. */
  productIds: Iterable<number>;
  /** Segments read before the write (products that moved to another entity left them). */
  segments?: Iterable<number>;
}

/** PostgreSQL: the segments the products `productIds` are in now (before they are moved). */
export async function segmentsOfProducts(
  knex: Knex,
  productIds: Iterable<number>,
): Promise<number[]> {
  const rows = (await knex.raw(
    `select distinct ${productSegmentSql('p.entity_id', 'p.id')} as segment from product p ` +
      'where p.id = any(?::int[])',
    [intArray(productIds)],
  )) as { rows: { segment: unknown }[] };
  return rows.rows.map((r) => Number(r.segment));
}

/**
 * PostgreSQL: raises, in one statement, the version of every segment the rows belong to, as the
 * triggers would have for each of the write's statements (db/migrations/fact-segment-triggers.ts):
 * an evaluation or decision item is in its product's segment, so the products they name are
 * passed with the products written. Ascending order, as the triggers lock segment rows (no
 * deadlock with an API write). Run last in the writer's transaction: the segment rows stay locked
 * only for its commit.
 */
export async function raiseSegmentsOfRows(knex: Knex, rows: RowsWritten): Promise<void> {
  await knex.raw(
    `insert into "${FACT_SEGMENT}" (segment, version) ` +
      'select distinct s.segment, 1 from (' +
      `select ${entitySegmentSql('e.id')} as segment from economic_entity e where e.id = any(?::int[]) ` +
      `union select ${productSegmentSql('p.entity_id', 'p.id')} from product p where p.id = any(?::int[]) ` +
      'union select unnest(?::int[])' +
      ') s where s.segment is not null order by s.segment ' +
      `on conflict (segment) do update set version = "${FACT_SEGMENT}".version + 1`,
    [intArray(rows.entityIds), intArray(rows.productIds), intArray(rows.segments ?? [])],
  );
}

/**
 * SQLite: raises, in one statement, the version of every segment holding a row the import `runId`
 * reserved (its fenced ranges, db/import-fence.ts): new entities and products, and the products the
 * new evaluations and decision items name. The triggers skipped those rows while they were fenced
 * (db/migrations/fact-segment-triggers.ts). Run by the publishing transaction before it deletes the
 * ranges: those rows become visible in the same commit as their segments' new versions.
 */
export async function raiseSegmentsOfFencedRows(knex: Knex, runId: number): Promise<void> {
  const fenced = (table: string, alias: string) =>
    `"${IMPORT_FENCE}" f where f."run_id" = ${Number(runId)} and f."name" = '${table}' ` +
    `and ${alias}.id between f."lo" and f."hi"`;
  const ofProduct = productSegmentSql('p.entity_id', 'p.id');
  await knex.raw(
    `insert into "${FACT_SEGMENT}" (segment, version) select distinct segment, 1 from (` +
      `select ${entitySegmentSql('e.id')} as segment from economic_entity e, ${fenced('economic_entity', 'e')} ` +
      `union select ${ofProduct} from product p, ${fenced('product', 'p')} ` +
      `union select ${ofProduct} from evaluation v, product p, ${fenced('evaluation', 'v')} and p.id = v.product_id ` +
      `union select ${ofProduct} from decision_item di, product p, ${fenced('decision_item', 'di')} and p.id = di.product_id` +
      // `where`: SQLite's parser needs one between a SELECT and an upsert clause.
      ') where segment is not null on conflict (segment) do update set version = version + 1',
  );
}
