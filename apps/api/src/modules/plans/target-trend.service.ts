// A target's progress at every month end of its plan period (the overview's sparkline), computed
// by the domain. The plan's facts are read once, up to the last point (plan-facts.ts memoises that
// load per request and day), and each point narrows them in memory with the domain's selectFacts,
// the same selection the SQL makes for a day: no query per point or per target.
import {
  computeTargetProgress,
  intervalBuckets,
  selectFacts,
  type PlanFacts,
  type TargetProgress,
} from '@ocop/domain';
import { cachedFigure } from '../../cache/figure-cache.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { planFacts, planPeriod, toDomainTarget } from './plan-facts.js';
import type { PlanTarget } from './plan-target.entity.js';
import type { Plan } from './plan.entity.js';

export interface TrendPoint {
  /** Month end (or `until` for a month still running). */
  date: string;
  progress: TargetProgress;
}

/**
 * Month ends from the period start to the period end or `until`, whichever comes first; the last
 * point is `until` itself when it falls inside a month. Empty when `until` is before the period.
 */
export function trendDates(period: { start: string; end: string }, until: string): string[] {
  const last = until < period.end ? until : period.end;
  if (last < period.start) return [];
  return intervalBuckets(period.start, last, 'month').map((b) => (b.end > last ? last : b.end));
}

/** The facts of one point: the request's single load, narrowed to that day (shared by all targets). */
function factsOn(
  ctx: GraphQLContext,
  plan: Plan,
  all: PlanFacts,
  date: string,
): Promise<PlanFacts> {
  return ctx.memo(`trend-facts:${plan.id}:${date}`, () =>
    Promise.resolve(selectFacts(all, planPeriod(plan), date)),
  );
}

export async function targetTrend(
  ctx: GraphQLContext,
  target: PlanTarget,
  plan: Plan,
  until: string,
): Promise<TrendPoint[]> {
  const dates = trendDates(planPeriod(plan), until);
  if (dates.length === 0) return [];
  // Public like progress: the same for every viewer; writes raise the data version.
  return cachedFigure(
    ctx,
    'targetTrend',
    { planId: plan.id, targetId: target.id, until: dates.at(-1) },
    async () => {
      const all = await planFacts(ctx, plan, dates.at(-1)!);
      return Promise.all(
        dates.map(async (date) => ({
          date,
          progress: computeTargetProgress(
            await toDomainTarget(ctx, target, plan, date),
            await factsOn(ctx, plan, all, date),
            date,
          ),
        })),
      );
    },
  );
}
