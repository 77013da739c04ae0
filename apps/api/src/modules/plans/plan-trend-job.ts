// The month-end trend of a plan's targets (the overview's sparklines), computed in the
// plan-progress worker thread: the facts up to the last point are read once (one statement, by the
// worker on its own connection: plan-facts.worker-db.ts) and every point is computed over them.
// The domain's metrics count only what their windows hold: a point's outcome over these facts is
// its outcome over its own day's selection (selectFacts; @ocop/domain's fact-selection.test.ts
// checks every metric), so one fact index serves every point. At 100,000 products the trend took
// about 1.2 s of the main thread, holding every other request (/healthz included); here, over
// every fact, about 1 s of the worker's. A yearly plan's points also keep their partials by
// segment (plan-progress-segments.ts: computeSegmentedTrend), so after a write they recount only
// the changed segments (about 60 ms at 100,000 products). Pure computation: no database, no ORM
// (the worker reads the facts before it calls this).
import {
  computeTargetProgress,
  type PlanFacts,
  type PlanPeriod,
  type PlanTarget,
  type TargetProgress,
  type UnitFact,
} from '@ocop/domain';
import { factsOfFields, type FactFields } from './plan-facts.columns.js';
import { errorOutcome, type ProgressOutcome } from './plan-progress-outcome.js';

export interface TrendJob {
  /** The facts selected up to the last point's day. */
  fields: FactFields;
  units: UnitFact[];
  period: PlanPeriod;
  /** Each point's day and the targets with the values in force that day (plan amendments). */
  points: { date: string; targets: PlanTarget[] }[];
}

/**
 * What a sparkline shows of a point. The ids behind the number stay in the worker: at 100,000
 * products they were 100 KB a target and point (3.7 MB a plan) to copy to the main thread and keep
 * in the figure cache.
 */
export type TrendProgress = Pick<TargetProgress, 'actual' | 'target' | 'ratio' | 'status'>;
export type TrendOutcome = ProgressOutcome<TrendProgress>;

/** A trend's point: its day and the targets with the values in force that day. */
export type TrendPoint = TrendJob['points'][number];

/** Each point's outcomes, target by target in the order given. */
export function computeTrendJob(job: TrendJob): TrendOutcome[][] {
  return trendOutcomes(job.points, factsOfFields(job.fields, job.units));
}

/** Each point's outcomes over the same facts (selected up to the last point's day). */
export function trendOutcomes(points: readonly TrendPoint[], facts: PlanFacts): TrendOutcome[][] {
  return points.map(({ date, targets }) =>
    targets.map((target): TrendOutcome => {
      try {
        return trendOutcomeOf({ progress: computeTargetProgress(target, facts, date) });
      } catch (error) {
        return errorOutcome(error);
      }
    }),
  );
}

/** What a sparkline keeps of a target's outcome. */
export function trendOutcomeOf(outcome: ProgressOutcome): TrendOutcome {
  if (!('progress' in outcome)) return outcome;
  const { actual, target, ratio, status } = outcome.progress;
  return { progress: { actual, target, ratio, status } };
}
