// A KPI card's coverage line: the provincial council rounds published for the target's period, which
// of them the database holds decisions of, and what the figure lacks. The rule (which rounds count
// for which metric, the statement) is the domain's targetCoverage; this file selects its facts:
// two statements per request and as-of day, whatever the number of targets.
import {
  isMetricName,
  publishedRoundsFrom,
  targetCoverage,
  type TargetCoverage,
} from '@ocop/domain';
import type { EntityManager } from '@mikro-orm/knex';
import { cachedFigure } from '../../cache/figure-cache.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { PublishedFigure } from '../sources/published-figure.entity.js';
import { COUNCIL_ROUND_PREFIX, recordedRoundsOn } from './reconciliation.service.js';

/** Published council figures and recorded rounds on asOf: the facts every card of a plan shares. */
async function roundFacts(em: EntityManager, asOf: string) {
  const [figures, recorded] = await Promise.all([
    em.find(
      PublishedFigure,
      { metric: { $like: `${COUNCIL_ROUND_PREFIX}%` } },
      { fields: ['metric', 'value', 'date', 'dateLabel'] },
    ),
    recordedRoundsOn(em, asOf),
  ]);
  const published = publishedRoundsFrom(
    figures.map((f) => ({
      metric: f.metric,
      value: f.value,
      date: f.date ?? null,
      dateLabel: f.dateLabel,
    })),
  );
  return { published, recorded };
}

/**
 * The coverage of a target's figure on asOf; null for a target whose facts are not recorded at all
 * (its status already says "no data source").
 */
export async function coverageOfTarget(
  ctx: GraphQLContext,
  query: { metric: string; period: { start: string; end: string }; asOf: string },
): Promise<TargetCoverage | null> {
  const { metric } = query;
  if (!isMetricName(metric)) return null;
  // Shared by every card of the request, and across requests until the next write.
  const facts = await ctx.memo(`council-round-facts:${query.asOf}`, () =>
    cachedFigure(ctx, 'councilRoundFacts', { asOf: query.asOf }, () =>
      roundFacts(ctx.em, query.asOf),
    ),
  );
  return targetCoverage({ ...query, metric, ...facts });
}
