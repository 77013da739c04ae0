// Product reads: the filtered, sorted list behind the products, entities and evaluations
// connections. Text filters ignore case and diacritics (normalize-text.ts); the two year words
// and the two star questions are kept apart (roundYear vs evaluationYear/decisionYear,
// starsEver vs starsOnDate) so one word never means two things.
import { raw, type EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/knex';
import type { CertificateStatus } from '@ocop/domain';
import type { Page } from '../../graphql/pagination.js';
import { DecisionItem } from '../decisions/decision-item.entity.js';
import type { EntityType } from '../entities/economic-entity.entity.js';
import { Evaluation, type EvaluationLevel } from '../evaluations/evaluation.entity.js';
import {
  productIdsByCertificateStatus,
  productIdsWithStarsInForce,
} from '../certificates/certificate.service.js';
import { escapeLike, normalizeText } from '../shared/normalize-text.js';
import { Product } from './product.entity.js';
import { requireUnitCode } from '../shared/known-codes.js';

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

/** `%normalized(query)%` pattern, or null for an empty query. */
export function searchPattern(query: string): string | null {
  const normalized = normalizeText(query);
  return normalized ? `%${escapeLike(normalized)}%` : null;
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
): Promise<FilterQuery<Product>> {
  await requireUnitCode(em, f.unitCode, 'filter.unitCode');
  const and: FilterQuery<Product>[] = [];
  if (f.unitCode) and.push({ unit: { code: f.unitCode } });
  if (f.commune) and.push({ normalizedCommune: { $like: searchPattern(f.commune) ?? '%' } });
  if (f.group) and.push({ $or: [{ group1048: f.group }, { group148: f.group }] });
  if (f.entityType) and.push({ entity: { type: f.entityType } });
  const pattern = f.search ? searchPattern(f.search) : null;
  if (pattern) {
    // The unit's name too, so "cho moi" finds every product of Chợ Mới, not only those whose
    // commune or entity name says so.
    and.push({
      $or: [
        { normalizedName: { $like: pattern } },
        { normalizedCommune: { $like: pattern } },
        { entity: { normalizedName: { $like: pattern } } },
        { unit: { normalizedName: { $like: pattern } } },
      ],
    });
  }
  const ids = await matchingIds(em, f);
  if (ids) and.push({ id: { $in: ids } });
  return and.length ? { $and: and } : {};
}

/** SQL of a product's latest decision item (by decision date), for sorting. */
const latestItem = (alias: string, column: string) =>
  `(select ${column} from decision_item di join decision d on d.id = di.decision_id ` +
  `where di.product_id = ${alias}.id order by d.date desc, di.id desc limit 1)`;

/** Order of a product list; ties by name then id so pages never overlap. */
export function productOrder(sort: Sort<ProductSortField>): QueryOrderMap<Product>[] {
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
              `coalesce(${latestItem(a, "case when di.action = 'recognise' then di.stars end")}, 0)`,
          )]: dir,
        },
        { sortKey: 'asc' },
        { id: 'asc' },
      ];
    case 'decisionDate':
      return [
        { [raw((a) => `coalesce(${latestItem(a, 'd.date')}, '0001-01-01')`)]: dir },
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
  return em.findAndCount(Product, await productWhere(em, filter), {
    orderBy: productOrder(sort),
    limit: page.limit,
    offset: page.offset,
  });
}

/** Ids of the products matching an active filter (for lists of their entities or evaluations). */
export async function productIds(em: EntityManager, filter: ProductQuery): Promise<number[]> {
  const rows = await em.find(Product, await productWhere(em, filter), { fields: ['id'] });
  return rows.map((p) => p.id);
}

/** Ids of the entities making at least one product matching an active filter. */
export async function entityIdsOfProducts(
  em: EntityManager,
  filter: ProductQuery,
): Promise<number[]> {
  const rows = await em.find(Product, await productWhere(em, filter), { fields: ['entity'] });
  return [...new Set(rows.flatMap((p) => (p.entity ? [p.entity.id] : [])))];
}
