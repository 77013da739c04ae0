// Decision reads: the list behind the `decisions` connection.
import type { EntityManager, FilterQuery } from '@mikro-orm/knex';
import type { Page } from '../../graphql/pagination.js';
import type { Sort } from '../products/product.service.js';
import { Decision, type IssuingLevel } from './decision.entity.js';

export interface DecisionQuery {
  issuingLevel?: IssuingLevel | null;
  /** The evaluation round's year (the `year` column): QĐ 86/QĐ-UBND of 27/1/2023 is round 2 of 2022. */
  roundYear?: number | null;
  /** The year of the decision's date. */
  decisionYear?: number | null;
  /** Decision date on or after / on or before (inclusive). */
  from?: string | null;
  to?: string | null;
}

export type DecisionSortField = 'date';

/** One page of decisions matching the query. */
export async function listDecisions(
  em: EntityManager,
  q: DecisionQuery,
  sort: Sort<DecisionSortField>,
  page: Page,
): Promise<[Decision[], number]> {
  const days = [
    q.from ? { $gte: q.from } : null,
    q.to ? { $lte: q.to } : null,
    q.decisionYear ? { $gte: `${q.decisionYear}-01-01`, $lte: `${q.decisionYear}-12-31` } : null,
  ].filter((d) => d !== null);
  const where: FilterQuery<Decision> = {
    ...(q.issuingLevel ? { issuingLevel: q.issuingLevel } : {}),
    ...(q.roundYear ? { year: q.roundYear } : {}),
    ...(days.length ? { $and: days.map((date) => ({ date })) } : {}),
  };
  const dir = sort.direction;
  return em.findAndCount(Decision, where, {
    orderBy: [{ date: dir }, { id: dir }],
    limit: page.limit,
    offset: page.offset,
  });
}
