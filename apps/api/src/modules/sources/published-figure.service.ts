// Published figures: reads of the figures the province or the press published, verbatim.
import { raw, type EntityManager } from '@mikro-orm/knex';
import { PublishedFigure } from './published-figure.entity.js';

/**
 * Figures whose metric key starts with `metricPrefix` (all when empty), in published order.
 * The prefix is compared as a literal string, not a LIKE pattern: metric keys contain "_",
 * which LIKE would read as "any character".
 */
export function listPublishedFigures(
  em: EntityManager,
  metricPrefix?: string | null,
): Promise<PublishedFigure[]> {
  const where = metricPrefix
    ? { [raw((alias) => `substr(${alias}.metric, 1, ${metricPrefix.length})`)]: metricPrefix }
    : {};
  return em.find(PublishedFigure, where, {
    orderBy: { sortOrder: 'asc', id: 'asc' },
    populate: ['sources'],
  });
}
