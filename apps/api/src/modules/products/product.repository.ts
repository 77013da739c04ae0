// Product queries beyond simple finds: diacritic-insensitive search and the filtered list.
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { DecisionItem } from '../decisions/decision-item.entity.js';
import { EconomicEntity } from '../entities/economic-entity.entity.js';
import { Evaluation } from '../evaluations/evaluation.entity.js';
import { escapeLike, normalizeText } from '../shared/normalize-text.js';
import { Product } from './product.entity.js';

/** `%normalized(query)%` pattern, or null for an empty query. */
export function searchPattern(query: string): string | null {
  const normalized = normalizeText(query);
  return normalized ? `%${escapeLike(normalized)}%` : null;
}

/** Products whose name or commune matches ignoring case and diacritics ("mam ca" → "Mắm cá…"). */
export async function searchProducts(
  em: EntityManager,
  query: string,
  limit = 50,
): Promise<Product[]> {
  const pattern = searchPattern(query);
  if (!pattern) return [];
  return em.find(
    Product,
    { $or: [{ normalizedName: { $like: pattern } }, { normalizedCommune: { $like: pattern } }] },
    { orderBy: { name: 'asc', id: 'asc' }, limit },
  );
}

/** Entities by name or commune, ignoring diacritics. */
export async function searchEntities(
  em: EntityManager,
  query: string,
  limit = 50,
): Promise<EconomicEntity[]> {
  const pattern = searchPattern(query);
  if (!pattern) return [];
  return em.find(
    EconomicEntity,
    { $or: [{ normalizedName: { $like: pattern } }, { normalizedCommune: { $like: pattern } }] },
    { orderBy: { name: 'asc', id: 'asc' }, limit },
  );
}

/** Administrative units by name, ignoring diacritics ("cho moi" → Chợ Mới). */
export async function searchUnits(
  em: EntityManager,
  query: string,
  limit = 50,
): Promise<AdminUnit[]> {
  const pattern = searchPattern(query);
  if (!pattern) return [];
  return em.find(
    AdminUnit,
    { normalizedName: { $like: pattern } },
    { orderBy: { name: 'asc', id: 'asc' }, limit },
  );
}

export interface ProductListFilter {
  unitCode?: string | null;
  commune?: string | null;
  group?: string | null;
  entityType?: string | null;
  search?: string | null;
  /** Products with a certificate of one of these stars. */
  stars?: number[] | null;
  /** Products evaluated at this level. */
  level?: string | null;
  /** Products evaluated in this year. */
  year?: number | null;
  decisionId?: number | null;
}

/** Ids of products with an evaluation / a decision item matching the filter (null = no such filter). */
async function productIdsMatching(
  em: EntityManager,
  filter: ProductListFilter,
): Promise<number[] | null> {
  let ids: Set<number> | null = null;
  const intersect = (found: number[]) => {
    ids = ids === null ? new Set(found) : new Set(found.filter((id) => ids!.has(id)));
  };
  if (filter.level || filter.year) {
    const where: FilterQuery<Evaluation> = {};
    if (filter.level) Object.assign(where, { level: filter.level });
    if (filter.year) Object.assign(where, { year: filter.year });
    const rows = await em.find(Evaluation, where, { fields: ['product'] });
    intersect(rows.map((r) => r.product.id));
  }
  if (filter.stars?.length || filter.decisionId) {
    const where: FilterQuery<DecisionItem> = { action: 'recognise' };
    if (filter.stars?.length) Object.assign(where, { stars: { $in: filter.stars } });
    if (filter.decisionId) Object.assign(where, { decision: filter.decisionId });
    const rows = await em.find(DecisionItem, where, { fields: ['product'] });
    intersect(rows.map((r) => r.product.id));
  }
  return ids === null ? null : [...(ids as Set<number>)];
}

/** The where-clause for a product list; the GraphQL connection adds paging on top. */
export async function productWhere(
  em: EntityManager,
  filter: ProductListFilter,
): Promise<FilterQuery<Product>> {
  const and: FilterQuery<Product>[] = [];
  if (filter.unitCode) and.push({ unit: { code: filter.unitCode } });
  if (filter.commune)
    and.push({ normalizedCommune: { $like: searchPattern(filter.commune) ?? '%' } });
  if (filter.group) and.push({ $or: [{ group1048: filter.group }, { group148: filter.group }] });
  if (filter.entityType) and.push({ entity: { type: filter.entityType as never } });
  if (filter.search) {
    const pattern = searchPattern(filter.search) ?? '%';
    and.push({
      $or: [
        { normalizedName: { $like: pattern } },
        { normalizedCommune: { $like: pattern } },
        { entity: { normalizedName: { $like: pattern } } },
      ],
    });
  }
  const ids = await productIdsMatching(em, filter);
  if (ids) and.push({ id: { $in: ids } });
  return and.length ? { $and: and } : {};
}

/** One page of products matching the filter, with the total count. */
export async function findProducts(
  em: EntityManager,
  filter: ProductListFilter,
  page: { limit: number; offset?: number },
): Promise<{ items: Product[]; totalCount: number }> {
  const where = await productWhere(em, filter);
  const [items, totalCount] = await em.findAndCount(Product, where, {
    orderBy: { name: 'asc', id: 'asc' },
    limit: page.limit,
    offset: page.offset ?? 0,
  });
  return { items, totalCount };
}
