/**
 * Which facts the plan metrics read for a period on an as-of day, so the API can select only
 * those in SQL instead of every fact of every year (the metrics' windows are in metrics.ts):
 * - evaluations, activities and entity registrations dated inside the period, up to asOf;
 * - decision items dated up to the same day with no lower bound: first certificates, star
 *   histories, the previous year and cumulative counts look back;
 * - the products those facts name, and every product of an entity an activity names;
 * - the provincial council rounds whose published counts are dated in the window;
 * - the entities registered in the window, the entities activities name, and the makers of the
 *   selected products.
 * `selectFacts` is the same selection in memory: the test beside it checks that every metric
 * gives the same outcome on the selection as on all facts, and the API's SQL is tested against it.
 */
import type { FactDate, IsoDate } from '../dates.js';
import { windowOf } from './fact-index.js';
import type { PlanFacts, PlanPeriod } from './facts.js';

export interface FactSelection {
  /** First day of the window (the period start). */
  from: IsoDate;
  /** Last day of the window: the period end or asOf, whichever is earlier. */
  to: IsoDate;
}

export function factSelection(period: PlanPeriod, asOf: IsoDate): FactSelection {
  const window = windowOf(period, asOf);
  return { from: period.start, to: window.to };
}

export function selectFacts(facts: PlanFacts, period: PlanPeriod, asOf: IsoDate): PlanFacts {
  const { from, to } = factSelection(period, asOf);
  const inWindow = (d: FactDate) => from <= d.date && d.date <= to;
  const evaluations = facts.evaluations.filter((e) => inWindow(e.date));
  const decisionItems = facts.decisionItems.filter((i) => i.date.date <= to);
  const activities = facts.activities.filter((a) => inWindow(a.date));
  const namedEntities = new Set(activities.flatMap((a) => a.entityIds));
  const namedProducts = new Set([
    ...evaluations.map((e) => e.productId),
    ...decisionItems.map((i) => i.productId),
    ...activities.flatMap((a) => a.productIds),
  ]);
  const products = facts.products.filter(
    (p) => namedProducts.has(p.id) || (p.entityId !== null && namedEntities.has(p.entityId)),
  );
  const makers = new Set(products.map((p) => p.entityId));
  const entities = facts.entities.filter(
    (e) =>
      (e.registeredOn !== null && inWindow(e.registeredOn)) ||
      namedEntities.has(e.id) ||
      makers.has(e.id),
  );
  return {
    units: facts.units,
    entities,
    products,
    evaluations,
    decisionItems,
    activities,
    ...(facts.councilRounds
      ? { councilRounds: facts.councilRounds.filter((r) => inWindow(r.date)) }
      : {}),
  };
}

/** The facts that belong to one unit: its entities, its products and their records, its activities. */
export function factsOfUnit(facts: PlanFacts, unitCode: string): PlanFacts {
  const products = facts.products.filter((p) => p.unitCode === unitCode);
  const productIds = new Set(products.map((p) => p.id));
  return {
    units: facts.units.filter((u) => u.code === unitCode),
    entities: facts.entities.filter((e) => e.unitCode === unitCode),
    products,
    evaluations: facts.evaluations.filter((e) => productIds.has(e.productId)),
    decisionItems: facts.decisionItems.filter((d) => productIds.has(d.productId)),
    activities: facts.activities.filter((a) => a.unitCode === unitCode),
    // Council rounds are province-wide: no unit has a share of their counts.
    ...(facts.councilRounds ? { councilRounds: [] } : {}),
  };
}
