// Evaluation reads: the list behind the `evaluations` connection.
import {
  QueryOrder,
  type EntityManager,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/knex';
import type { Page } from '../../graphql/pagination.js';
import { isActive, productIds, type ProductQuery, type Sort } from '../products/product.service.js';
import { Evaluation } from './evaluation.entity.js';

export type EvaluationSortField = 'date' | 'stars' | 'productName';

function order(sort: Sort<EvaluationSortField>): QueryOrderMap<Evaluation>[] {
  const dir = sort.direction;
  switch (sort.by) {
    case 'date':
      return [{ date: dir }, { id: dir }];
    case 'stars':
      // Unpublished stars (null) sort as 0 on both dialects.
      return [
        { stars: dir === 'asc' ? QueryOrder.ASC_NULLS_FIRST : QueryOrder.DESC_NULLS_LAST },
        { date: 'desc' },
        { id: 'desc' },
      ];
    case 'productName':
      return [{ product: { sortKey: dir } }, { date: 'desc' }, { id: 'desc' }];
  }
}

/**
 * One page of evaluations. `level`, `evaluationYear` and `evaluatedFrom`/`evaluatedTo` apply to
 * the evaluation itself; the other filters to its product.
 */
export async function listEvaluations(
  em: EntityManager,
  filter: ProductQuery,
  sort: Sort<EvaluationSortField>,
  page: Page,
): Promise<[Evaluation[], number]> {
  const { level, evaluationYear, evaluatedFrom, evaluatedTo, ...productFilter } = filter;
  const where: FilterQuery<Evaluation> = {
    ...(level ? { level } : {}),
    ...(evaluationYear ? { year: evaluationYear } : {}),
    ...(evaluatedFrom || evaluatedTo
      ? {
          date: {
            ...(evaluatedFrom ? { $gte: evaluatedFrom } : {}),
            ...(evaluatedTo ? { $lte: evaluatedTo } : {}),
          },
        }
      : {}),
    ...(isActive(productFilter) ? { product: { $in: await productIds(em, productFilter) } } : {}),
  };
  return em.findAndCount(Evaluation, where, {
    orderBy: order(sort),
    limit: page.limit,
    offset: page.offset,
  });
}
