// Entity reads: the entities list behind the `entities` connection.
import type { EntityManager, FilterQuery } from '@mikro-orm/knex';
import type { Page } from '../../graphql/pagination.js';
import {
  entityIdsOfProducts,
  isActive,
  type ProductQuery,
  type Sort,
} from '../products/product.service.js';
import { EconomicEntity } from './economic-entity.entity.js';

export type EntitySortField = 'name';

/** One page of the entities making at least one product matching the filter (all without one). */
export async function listEntities(
  em: EntityManager,
  filter: ProductQuery,
  sort: Sort<EntitySortField>,
  page: Page,
): Promise<[EconomicEntity[], number]> {
  const where: FilterQuery<EconomicEntity> = isActive(filter)
    ? { id: { $in: await entityIdsOfProducts(em, filter) } }
    : {};
  const dir = sort.direction;
  return em.findAndCount(EconomicEntity, where, {
    // Vietnamese alphabetical order (sortKey, domain vietnamese-order.ts).
    orderBy: [{ sortKey: dir }, { id: dir }],
    limit: page.limit,
    offset: page.offset,
  });
}
