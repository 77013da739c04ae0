// Product reads and writes: the filtered, sorted list behind the products, entities and evaluations
// connections, and registerProduct / updateProduct (groups checked against the domain taxonomies,
// group148 defaulting to the domain's mapping of group1048). Text filters ignore case and
// diacritics (normalize-text.ts) and read trigram indexes (product-search.ts); the two year words
// and the two star questions are kept apart (roundYear vs evaluationYear/decisionYear,
// starsEver vs starsOnDate) so one word never means two things.
import {
  raw,
  type EntityManager,
  type FilterQuery,
  type ObjectQuery,
  type QueryOrderMap,
} from '@mikro-orm/knex';
import type { CertificateStatus } from '@ocop/domain';
import { visibleSql } from '../../db/import-fence.js';
import type { Page } from '../../graphql/pagination.js';
import { DecisionItem } from '../decisions/decision-item.entity.js';
import type { EntityType } from '../entities/economic-entity.entity.js';
import { Evaluation, type EvaluationLevel } from '../evaluations/evaluation.entity.js';
import {
  productIdsByCertificateStatus,
  productIdsWithStarsInForce,
} from '../certificates/certificate.service.js';
import { normalizeText } from '../shared/normalize-text.js';
import { searchDialect, textSearch } from '../shared/text-search.js';
import { pageOfIds, inIdOrder } from '../shared/page-of-ids.js';
import { asSubquery, communeSearchSql, productSearchSql } from './product-search.js';
import { Product } from './product.entity.js';
import { requireUnitCode } from '../shared/known-codes.js';
import type { EntityManager as WriteEntityManager } from '@mikro-orm/core';
import { getProductGroup, mapGroup1048To148 } from '@ocop/domain';
import { duplicate, validationFailed } from '../../graphql/errors.js';
import { recordAtVersion, type WriteOutcome } from '../audit/run-write.js';
import { EconomicEntity } from '../entities/economic-entity.entity.js';
import { findDistrictUnit, optionalText, requireText, toId } from '../shared/input-checks.js';
import { productSnapshot } from './product-snapshot.js';

/** A filter on products; every field narrows (AND); null or absent = no condition. */
export interface ProductQuery {
  unitCode?: string | null;
  commune?: string | null;
  group?: string | null;
  entityType?: EntityType | null;
  /** Words in the product name, commune, entity name or unit name. */
  search?: string | null;
  /** Recognised at least once with one of these star classes (any date). */
  starsEver?: number[] | null;
  /** The certificate in force on `asOf` (valid or expiring) has one of these star classes. */
  starsOnDate?: number[] | null;
  /** Evaluated at this council level. */
  level?: EvaluationLevel | null;
  /** Evaluated on a date in this calendar year. */
  evaluationYear?: number | null;
  /** Evaluated between these days (inclusive). */
  evaluatedFrom?: string | null;
  evaluatedTo?: string | null;
  /** Recognised in a decision of this evaluation round's year (QĐ 86/QĐ-UBND of 27/1/2023 → 2022). */
  roundYear?: number | null;
  /** Recognised by a decision dated in this calendar year. */
  decisionYear?: number | null;
  /** Recognised by a decision dated between these days (inclusive). */
  decidedFrom?: string | null;
  decidedTo?: string | null;
  decisionId?: number | null;
  /** The certificate shown for `asOf` has this status. */
  certificateStatus?: CertificateStatus | null;
  /** Day for starsOnDate and certificateStatus. */
  asOf: string;
}

export type SortDirection = 'asc' | 'desc';
export type ProductSortField = 'name' | 'stars' | 'decisionDate';
export interface Sort<F extends string> {
  by: F;
  direction: SortDirection;
}

/** True when the filter narrows anything besides its as-of day. */
export function isActive(filter: ProductQuery): boolean {
  return Object.entries(filter).some(
    ([key, value]) => key !== 'asOf' && value != null && !(Array.isArray(value) && !value.length),
  );
}

/** The later / earlier of two optional days (ISO days compare as strings). */
const latest = (...days: (string | null | undefined)[]) =>
  days
    .filter((d): d is string => !!d)
    .sort()
    .at(-1) ?? null;
const earliest = (...days: (string | null | undefined)[]) =>
  days.filter((d): d is string => !!d).sort()[0] ?? null;

/** Ids of products meeting the evaluation, decision and certificate conditions (null = none set). */
async function matchingIds(em: EntityManager, f: ProductQuery): Promise<number[] | null> {
  let ids: Set<number> | null = null;
  const intersect = (found: number[]) => {
    const before: Set<number> | null = ids;
    ids = new Set(before ? found.filter((id) => before.has(id)) : found);
  };
  if (f.level || f.evaluationYear || f.evaluatedFrom || f.evaluatedTo) {
    const where: FilterQuery<Evaluation> = {
      ...(f.level ? { level: f.level } : {}),
      ...(f.evaluationYear ? { year: f.evaluationYear } : {}),
      ...(f.evaluatedFrom || f.evaluatedTo
        ? {
            date: {
              ...(f.evaluatedFrom ? { $gte: f.evaluatedFrom } : {}),
              ...(f.evaluatedTo ? { $lte: f.evaluatedTo } : {}),
            },
          }
        : {}),
    };
    intersect((await em.find(Evaluation, where, { fields: ['product'] })).map((r) => r.product.id));
  }
  const byDecision =
    f.starsEver?.length ||
    f.decisionId ||
    f.roundYear ||
    f.decisionYear ||
    f.decidedFrom ||
    f.decidedTo;
  if (byDecision) {
    const y = f.decisionYear;
    const from = latest(f.decidedFrom, y ? `${y}-01-01` : null);
    const to = earliest(f.decidedTo, y ? `${y}-12-31` : null);
    const where: FilterQuery<DecisionItem> = {
      action: 'recognise',
      ...(f.starsEver?.length ? { stars: { $in: f.starsEver } } : {}),
      decision: {
        ...(f.decisionId ? { id: f.decisionId } : {}),
        ...(f.roundYear ? { year: f.roundYear } : {}),
        ...(from || to
          ? { date: { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } }
          : {}),
      },
    };
    const rows = await em.find(DecisionItem, where, { fields: ['product'] });
    intersect(rows.map((r) => r.product.id));
  }
  if (f.starsOnDate?.length) {
    intersect(await productIdsWithStarsInForce(em, f.starsOnDate, f.asOf));
  }
  if (f.certificateStatus) {
    intersect(await productIdsByCertificateStatus(em, f.certificateStatus, f.asOf));
  }
  return ids === null ? null : [...(ids as Set<number>)];
}

/** The where-clause for products matching a filter. */
export async function productWhere(
  em: EntityManager,
  f: ProductQuery,
): Promise<ObjectQuery<Product>> {
  await requireUnitCode(em, f.unitCode, 'filter.unitCode');
  const and: FilterQuery<Product>[] = [];
  if (f.unitCode) and.push({ unit: { code: f.unitCode } });
  if (f.commune) {
    const commune = textSearch(f.commune);
    and.push(
      commune
        ? { id: { $in: asSubquery(em, communeSearchSql, commune) as never } }
        : { normalizedCommune: { $ne: null } },
    );
  }
  if (f.group) and.push({ $or: [{ group1048: f.group }, { group148: f.group }] });
  if (f.entityType) and.push({ entity: { type: f.entityType } });
  const search = textSearch(f.search);
  if (search) {
    // Name, commune, entity name and the unit's name, so "cho moi" finds every product of Chợ Mới,
    // not only those whose commune or entity name says so (product-search.ts: index-served).
    // PostgreSQL under 3 characters: as conditions of the page's own statement (the former OR,
    // one pass with hashed joins). As `id in (…)` the planner walked the sort index and looked
    // each product up (EXPLAIN ANALYZE at 100,000 products: 249 ms instead of ≈ 25 ms).
    // PostgreSQL's LIKE escapes with a backslash by default; SQLite needs the sub-query's escape.
    const like = search.like;
    and.push(
      searchDialect(em) === 'postgresql' && !search.indexed
        ? {
            $or: [
              { normalizedName: { $like: like } },
              { normalizedCommune: { $like: like } },
              { entity: { normalizedName: { $like: like } } },
              { unit: { normalizedName: { $like: like } } },
            ],
          }
        : { id: { $in: asSubquery(em, productSearchSql, search) as never } },
    );
  }
  const ids = await matchingIds(em, f);
  if (ids) and.push({ id: { $in: ids } });
  return and.length ? { $and: and } : {};
}

/**
 * SQL of a product's latest decision item (by decision date), for sorting; an unfinished import's
 * items and decisions are left out (db/import-fence.ts).
 */
const latestItem = (em: EntityManager, alias: string, column: string) =>
  `(select ${column} from decision_item di join decision d on d.id = di.decision_id ` +
  `where di.product_id = ${alias}.id and ${visibleSql(em.getKnex(), 'di.id', 'decision_item')} ` +
  `and ${visibleSql(em.getKnex(), 'd.id', 'decision')} order by d.date desc, di.id desc limit 1)`;

/** Order of a product list; ties by name then id so pages never overlap. */
export function productOrder(
  em: EntityManager,
  sort: Sort<ProductSortField>,
): QueryOrderMap<Product>[] {
  const dir = sort.direction;
  // Vietnamese alphabetical order (sortKey, domain vietnamese-order.ts): đ after d, ơ after ô.
  const byName: QueryOrderMap<Product>[] = [{ sortKey: dir }];
  switch (sort.by) {
    case 'name':
      return [...byName, { id: dir }];
    case 'stars':
      // Current stars: those of the latest decision if it recognises; revoked/unknown last.
      return [
        {
          [raw(
            (a) =>
              `coalesce(${latestItem(em, a, "case when di.action = 'recognise' then di.stars end")}, 0)`,
          )]: dir,
        },
        { sortKey: 'asc' },
        { id: 'asc' },
      ];
    case 'decisionDate':
      return [
        { [raw((a) => `coalesce(${latestItem(em, a, 'd.date')}, '0001-01-01')`)]: dir },
        { sortKey: 'asc' },
        { id: 'asc' },
      ];
  }
}

/** One page of products matching the filter, and the total. */
export async function listProducts(
  em: EntityManager,
  filter: ProductQuery,
  sort: Sort<ProductSortField>,
  page: Page,
): Promise<[Product[], number]> {
  const where = await productWhere(em, filter);
  // Every list shows who makes each product: joined into the statement that reads the rows.
  const load = { populate: ['entity'], strategy: 'joined' } as const;
  const search = textSearch(filter.search);
  const shortOnPostgres = !!search && !search.indexed && searchDialect(em) === 'postgresql';
  if (!isActive(filter) || shortOnPostgres) {
    // Nothing to search: the page reads the sort index and the count is the table's. A PostgreSQL
    // search under 3 characters too: with `count(*) over ()` the planner still walks the sort index
    // and joins every product one by one (153 ms at 100,000 products, EXPLAIN ANALYZE), while the
    // page alone stops after 40 rows and the count hashes its joins (≈ 50 ms for both).
    return em.findAndCount(Product, where, {
      ...load,
      orderBy: productOrder(em, sort),
      limit: page.limit,
      offset: page.offset,
    });
  }
  // A filter (a search above all) is evaluated once: the page's ids and the total come from one
  // statement (count(*) over ()), the page's rows by id from a second.
  const [ids, total] = await pageOfIds(
    em.createQueryBuilder(Product, 'p').where(where).orderBy(productOrder(em, sort)),
    page,
    () => em.count(Product, where),
  );
  const rows = ids.length ? await em.find(Product, { id: { $in: ids } }, load) : [];
  return [inIdOrder(rows, ids), total];
}

/** The ids (or entity ids) of the products matching a filter, as a sub-query. */
async function productColumnQuery(
  em: EntityManager,
  filter: ProductQuery,
  column: 'id' | 'entity',
) {
  const { sql, bindings } = em
    .createQueryBuilder(Product, 'pq')
    .select(`pq.${column}`)
    .where(await productWhere(em, filter))
    // An unfinished import's products stay out (db/import-fence.ts; no ORM filter on a QB).
    .andWhere(visibleSql(em.getKnex(), 'pq.id', 'product'))
    .getKnexQuery()
    .toSQL();
  return raw(sql, [...bindings]);
}

/**
 * The ids of the products matching a filter, as a sub-query for `{ product: { $in: … } }` (the
 * evaluations list): the page and its count read it in the database, no id list in between.
 */
export const productIdsQuery = (em: EntityManager, filter: ProductQuery) =>
  productColumnQuery(em, filter, 'id');

/** The ids of the entities making at least one product matching a filter, as a sub-query. */
export const entityIdsOfProductsQuery = (em: EntityManager, filter: ProductQuery) =>
  productColumnQuery(em, filter, 'entity');

/** The fields of a product as a form or the API gives them. */
export interface ProductInputData {
  name: string;
  entityId: string | number;
  unitCode: string;
  commune?: string | null;
  group1048?: string | null;
  group148?: string | null;
}

/** A product group code checked against the domain's taxonomy (null when not given). */
function group(
  field: string,
  taxonomy: '1048' | '148',
  code: string | null | undefined,
): string | null {
  if (!code) return null;
  try {
    return getProductGroup(taxonomy, code).code;
  } catch {
    throw validationFailed(field, {
      en: `"${code}" is not a ${taxonomy} product group code.`,
      vi: `"${code}" không phải là mã nhóm sản phẩm theo ${taxonomy}.`,
    });
  }
}

/** Checked values of a product, and the recorded product when it is the same one again. */
async function productValues(
  tx: WriteEntityManager,
  input: ProductInputData,
  excludeId: number | null,
) {
  const name = requireText('name', input.name, 300);
  const unit = await findDistrictUnit(tx, 'unitCode', input.unitCode);
  const entity = await tx.findOne(EconomicEntity, toId('entityId', input.entityId));
  if (!entity)
    throw validationFailed('entityId', {
      en: `Entity ${input.entityId} does not exist.`,
      vi: `Không có chủ thể ${input.entityId}.`,
    });
  const commune = optionalText('commune', input.commune, 200);
  const group1048 = group('group1048', '1048', input.group1048);
  const group148 =
    group('group148', '148', input.group148) ??
    (group1048 ? mapGroup1048To148(group1048).code : null);
  const normalizedName = normalizeText(name);
  const values = {
    name,
    normalizedName,
    entity,
    unit,
    commune,
    normalizedCommune: commune ? normalizeText(commune) : null,
    group1048,
    group148,
  };
  // One product per normalised name and entity (a unique index).
  const clash = await tx.findOne(Product, {
    normalizedName,
    entity: entity.id,
    ...(excludeId ? { id: { $ne: excludeId } } : {}),
  });
  if (!clash) return { values, existing: null };
  const same =
    excludeId === null &&
    clash.unit?.id === unit.id &&
    (['name', 'commune', 'group1048', 'group148'] as const).every(
      (k) => (clash[k] ?? null) === values[k],
    );
  if (!same) {
    throw duplicate(
      'Product',
      'name',
      {
        en: `Product "${clash.name}" of this entity already exists (id ${clash.id}).`,
        vi: `Sản phẩm "${clash.name}" của chủ thể này đã có (mã ${clash.id}).`,
      },
      clash.id,
    );
  }
  return { values, existing: clash };
}

/**
 * registerProduct: one product per normalised name and entity. The same product again (a repeated
 * or parallel identical call) returns the recorded one; another one under that name is DUPLICATE.
 */
export async function registerProduct(
  tx: WriteEntityManager,
  input: ProductInputData,
  today: string,
): Promise<WriteOutcome<Product>> {
  const { values, existing } = await productValues(tx, input, null);
  if (existing)
    return { result: existing, written: false, audit: () => ({ recordId: existing.id }) };
  const product = tx.create(Product, {
    ...values,
    registeredOn: today,
    registeredPrecision: 'day',
  });
  return {
    result: product,
    audit: () => ({ recordId: product.id, after: productSnapshot(product) }),
  };
}

const loadForWrite = (em: WriteEntityManager, id: number) =>
  em.findOne(Product, id, { populate: ['unit'], refresh: true });

/** A product's current values as the audit log and VERSION_CONFLICT show them (null when gone). */
export async function productSnapshotOf(em: WriteEntityManager, id: number) {
  const product = await loadForWrite(em, id);
  return product && productSnapshot(product);
}

/** updateProduct: edits a product read at `version` (else VERSION_CONFLICT). */
export async function updateProduct(
  tx: WriteEntityManager,
  id: number,
  version: number,
  input: ProductInputData,
): Promise<WriteOutcome<Product>> {
  const product = await recordAtVersion(
    'Product',
    () => loadForWrite(tx, id),
    id,
    version,
    productSnapshot,
  );
  const before = productSnapshot(product);
  tx.assign(product, (await productValues(tx, input, id)).values);
  return {
    result: product,
    audit: () => ({ recordId: id, before, after: productSnapshot(product) }),
  };
}

/** The product an idempotency key recorded, by the id it stored (null when gone). */
export function productById(em: WriteEntityManager, id: string): Promise<Product | null> {
  return em.findOne(Product, Number(id));
}
