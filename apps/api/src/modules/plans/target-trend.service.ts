// A target's progress at every month end of its plan period (the overview's sparkline), computed
// by the domain in the plan-progress worker (plan-trend-job.ts) for every target at once: the
// plan's facts are read once (by the worker), up to the last point, and each point narrows them
// with the domain's selectFacts, the same selection the SQL makes for a day: no query per point or
// per target. After a write, a yearly plan's statement reads only the segments the write changed
// (plan-progress-segments.ts).
import { factSelection, intervalBuckets } from '@ocop/domain';
import { cachedFigure } from '../../cache/figure-cache.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { planPeriod, planTargets, planUnits, toDomainTarget } from './plan-facts.js';
import { selectFactFields } from './plan-facts.query.js';
import {
  computeTrendInThread,
  computeTrendReadInThread,
  progressOrThrow,
} from './plan-progress-thread.js';
import { logWorkerStatements, workerReadSettings } from './worker-reads.js';
import type { TrendProgress } from './plan-trend-job.js';
import type { PlanTarget } from './plan-target.entity.js';
import type { Plan } from './plan.entity.js';

export interface TrendPoint {
  /** Month end (or `until` for a month still running). */
  date: string;
  progress: TrendProgress;
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

/**
 * Every target's trend up to `last`, computed together once per request: the facts are read with
 * one statement, here, and the points are computed in the worker thread (plan-trend-job.ts).
 */
function planTrends(
  ctx: GraphQLContext,
  plan: Plan,
  dates: readonly string[],
): Promise<Map<number, TrendPoint[]>> {
  return ctx.memo(`plan-trends:${plan.id}:${dates.at(-1)}`, async () => {
    const targets = await planTargets(ctx, plan);
    const units = await planUnits(ctx, plan);
    const points = [];
    for (const date of dates) {
      const domainTargets = [];
      for (const target of targets)
        domainTargets.push(await toDomainTarget(ctx, target, plan, date));
      points.push({ date, targets: domainTargets });
    }
    const period = planPeriod(plan);
    const selection = factSelection(period, dates.at(-1)!);
    const job = { units: units.map((u) => ({ code: u.code, name: u.name })), period, points };
    // Read in the worker, on its own connection, unless inside a transaction (worker-reads.ts).
    const settings = workerReadSettings(ctx.em);
    let outcomes;
    if (settings) {
      const read = await computeTrendReadInThread(settings, selection, job);
      logWorkerStatements(ctx.em, read.statements);
      outcomes = read.result;
    } else
      outcomes = await computeTrendInThread({
        ...job,
        fields: await selectFactFields(ctx.em, selection),
      });
    return new Map(
      targets.map((target, i) => [
        target.id,
        dates.map((date, p) => ({ date, progress: progressOrThrow(outcomes[p]![i]) })),
      ]),
    );
  });
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
    async () => (await planTrends(ctx, plan, dates)).get(target.id)!,
  );
}
