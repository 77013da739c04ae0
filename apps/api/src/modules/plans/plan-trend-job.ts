// The month-end trend of a plan's targets (the overview's sparklines), computed in the
// plan-progress worker thread: the facts up to the last point are read once by the main thread
// (one statement) and each point narrows them with the domain's selectFacts, the selection the SQL
// makes for that day. At 100,000 products the points of every target take about a second of CPU,
// which on the main thread held every other request, /healthz included, for as long. Pure
// computation: no database, no ORM.
import {
  computeTargetProgress,
  selectFacts,
  type PlanPeriod,
  type PlanTarget,
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

/** Each point's outcomes, target by target in the order given. */
export function computeTrendJob(job: TrendJob): ProgressOutcome[][] {
  const all = factsOfFields(job.fields, job.units);
  return job.points.map(({ date, targets }) => {
    const facts = selectFacts(all, job.period, date);
    return targets.map((target) => {
      try {
        return { progress: computeTargetProgress(target, facts, date) };
      } catch (error) {
        return errorOutcome(error);
      }
    });
  });
}
