/**
 * Plan metrics: one function per fact definition. A plan target names its metric (see
 * PLAN_152_METRICS in targets.ts), so a new plan adds rows, not logic. Each definition text is
 * the one in data/seed/plan-2021-targets.csv.
 */
import type { IsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import { starHistory } from '../rules/certificate.js';
import {
  factInWindow,
  previousYearOf,
  YearOnlyTally,
  type ActivityFact,
  type DecisionItemFact,
  type PlanFacts,
  type PlanPeriod,
} from './facts.js';
import { PROGRAMME_METRICS, type ProgrammeMetricName } from './metrics-programme.js';

/** Names of the implemented metrics. */
export type MetricName =
  | 'products_first_certified'
  | 'products_national_evaluation'
  | 'entities_participating_per_unit'
  | 'entities_with_provincial_product'
  | 'provincial_pass_rate'
  | 'upgrades_of_previous_year'
  | 'entities_with_capacity_activity'
  | 'previous_year_4star_standardised'
  | ProgrammeMetricName;

/** What a metric measures: a count, a share (numerator/denominator) or a value per unit. */
export type MetricShape = 'count' | 'share' | 'per_unit';

/** A metric's raw value. `counted` lists the ids (products or entities) behind the number. */
export type MetricValue =
  | { shape: 'count'; value: number; counted: string[] }
  | { shape: 'share'; numerator: number; denominator: number; counted: string[]; base: string[] }
  | {
      shape: 'per_unit';
      perUnit: { unitCode: string; value: number; counted: string[] }[];
      unassigned: string[];
    };

/** A metric's value plus how many year-only records it used. */
export type MetricOutcome = MetricValue & { yearOnlyRecords: number; sampleRecords: number };

/** Inputs every metric receives. */
export interface MetricContext {
  period: PlanPeriod;
  asOf: IsoDate;
  tally: YearOnlyTally;
}

/** A metric: its shape, its definition in words, and its computation. */
export interface MetricDefinition {
  name: MetricName;
  shape: MetricShape;
  definition: string;
  compute(facts: PlanFacts, context: MetricContext): MetricValue;
}

/** Activity kind that counts as management-capacity building (task ALL-CAPACITY). */
export const CAPACITY_ACTIVITY_KIND = 'capacity_training';
/** Activity kind that counts as standardisation support (task ALL-UPGRADE). */
export const STANDARDISATION_ACTIVITY_KIND = 'standardisation_support';

/** A 'recognise' item that certifies: 3★+ or star unknown (OCOP status confirmed). */
function certifies(item: DecisionItemFact): boolean {
  return item.action === 'recognise' && (item.stars === null || item.stars >= 3);
}

function sorted(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}

/**
 * Participating entities: registered in the period, or owning a product evaluated at any level
 * in the period (plan 152 T3 definition "registered or evaluated"). Maps id → unit code.
 */
function participatingEntities(
  facts: PlanFacts,
  context: MetricContext,
): Map<string, string | null> {
  const { period, asOf, tally } = context;
  const entityUnit = new Map(facts.entities.map((e) => [e.id, e.unitCode] as const));
  const productById = new Map(facts.products.map((p) => [p.id, p] as const));
  const result = new Map<string, string | null>();
  for (const entity of facts.entities) {
    if (entity.registeredOn && factInWindow(entity.registeredOn, period, asOf)) {
      tally.note(`entity:${entity.id}`, entity.registeredOn);
      result.set(entity.id, entity.unitCode);
    }
  }
  for (const evaluation of facts.evaluations) {
    const product = productById.get(evaluation.productId);
    if (!product?.entityId || !factInWindow(evaluation.date, period, asOf)) continue;
    tally.note(`evaluation:${evaluation.id}`, evaluation.date);
    // An entity missing from `entities` (or without a unit) takes its product's unit.
    const unit = entityUnit.get(product.entityId) ?? product.unitCode;
    if (!result.has(product.entityId) || result.get(product.entityId) === null)
      result.set(product.entityId, unit);
  }
  return result;
}

function activityReaches(
  activity: ActivityFact,
  entityId: string,
  productIdsOfEntity: readonly string[],
): boolean {
  return (
    activity.entityIds.includes(entityId) ||
    activity.productIds.some((id) => productIdsOfEntity.includes(id))
  );
}

function productsByEntity(facts: PlanFacts): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const product of facts.products) {
    if (!product.entityId) continue;
    map.set(product.entityId, [...(map.get(product.entityId) ?? []), product.id]);
  }
  return map;
}

const productsFirstCertified: MetricDefinition = {
  name: 'products_first_certified',
  shape: 'count',
  definition: 'distinct products whose first OCOP certificate (3★+) is dated in the plan year',
  compute(facts, { period, asOf, tally }) {
    const first = new Map<string, DecisionItemFact>();
    for (const item of facts.decisionItems) {
      if (!certifies(item) || item.date.date > asOf) continue;
      const current = first.get(item.productId);
      if (!current || item.date.date < current.date.date) first.set(item.productId, item);
    }
    const counted: string[] = [];
    for (const [productId, item] of first) {
      if (!factInWindow(item.date, period, asOf)) continue;
      tally.note(`decision:${item.decisionId}:${productId}`, item.date);
      counted.push(productId);
    }
    return { shape: 'count', value: counted.length, counted: sorted(counted) };
  },
};

const productsNationalEvaluation: MetricDefinition = {
  name: 'products_national_evaluation',
  shape: 'count',
  definition: 'distinct products with a national-level evaluation in the plan year',
  compute(facts, { period, asOf, tally }) {
    const counted = new Set<string>();
    for (const evaluation of facts.evaluations) {
      if (evaluation.level !== 'national' || !factInWindow(evaluation.date, period, asOf)) continue;
      tally.note(`evaluation:${evaluation.id}`, evaluation.date);
      counted.add(evaluation.productId);
    }
    return { shape: 'count', value: counted.size, counted: sorted(counted) };
  },
};

const entitiesParticipatingPerUnit: MetricDefinition = {
  name: 'entities_participating_per_unit',
  shape: 'per_unit',
  definition:
    'per unit: distinct entities that entered the programme (registered or evaluated) in the plan year; met when every unit reaches the target',
  compute(facts, context) {
    const participating = participatingEntities(facts, context);
    const unitCodes = new Set(facts.units.map((u) => u.code));
    // Every unit appears, including those with no entity (value 0).
    const perUnit = facts.units.map((unit) => {
      const counted = sorted(
        [...participating].filter(([, code]) => code === unit.code).map(([id]) => id),
      );
      return { unitCode: unit.code, value: counted.length, counted };
    });
    const unassigned = sorted(
      [...participating]
        .filter(([, code]) => code === null || !unitCodes.has(code))
        .map(([id]) => id),
    );
    return { shape: 'per_unit', perUnit, unassigned };
  },
};

const entitiesWithProvincialProduct: MetricDefinition = {
  name: 'entities_with_provincial_product',
  shape: 'share',
  definition:
    "share of the year's participating entities with at least one product evaluated at provincial level in the plan year",
  compute(facts, context) {
    const { period, asOf, tally } = context;
    const base = sorted(participatingEntities(facts, context).keys());
    const productEntity = new Map(facts.products.map((p) => [p.id, p.entityId] as const));
    const withProvincial = new Set<string>();
    for (const evaluation of facts.evaluations) {
      if (evaluation.level !== 'province' || !factInWindow(evaluation.date, period, asOf)) continue;
      const entityId = productEntity.get(evaluation.productId);
      if (!entityId) continue;
      tally.note(`evaluation:${evaluation.id}`, evaluation.date);
      withProvincial.add(entityId);
    }
    const counted = base.filter((id) => withProvincial.has(id));
    return { shape: 'share', numerator: counted.length, denominator: base.length, counted, base };
  },
};

const provincialPassRate: MetricDefinition = {
  name: 'provincial_pass_rate',
  shape: 'share',
  definition:
    'products evaluated at provincial level in the plan year that reached 3★ or more / products evaluated at provincial level in the plan year',
  compute(facts, { period, asOf, tally }) {
    const evaluated = new Set<string>();
    const passed = new Set<string>();
    const unknownStars = new Set<string>();
    for (const evaluation of facts.evaluations) {
      if (evaluation.level !== 'province' || !factInWindow(evaluation.date, period, asOf)) continue;
      tally.note(`evaluation:${evaluation.id}`, evaluation.date);
      evaluated.add(evaluation.productId);
      if (evaluation.stars === null) unknownStars.add(evaluation.productId);
      else if (evaluation.stars >= 3) passed.add(evaluation.productId);
    }
    // When the evaluation record has no stars, a recognition in the period shows it passed.
    for (const item of facts.decisionItems) {
      if (!unknownStars.has(item.productId) || passed.has(item.productId)) continue;
      if (!certifies(item) || !factInWindow(item.date, period, asOf)) continue;
      tally.note(`decision:${item.decisionId}:${item.productId}`, item.date);
      passed.add(item.productId);
    }
    const base = sorted(evaluated);
    const counted = base.filter((id) => passed.has(id));
    return { shape: 'share', numerator: counted.length, denominator: base.length, counted, base };
  },
};

const upgradesOfPreviousYear: MetricDefinition = {
  name: 'upgrades_of_previous_year',
  shape: 'count',
  definition:
    'distinct products certified in the previous year whose star level rose through a decision dated in the plan year',
  compute(facts, { period, asOf, tally }) {
    const previous = previousYearOf(period);
    const certifiedBefore = new Map<string, DecisionItemFact>();
    for (const item of facts.decisionItems) {
      if (certifies(item) && factInWindow(item.date, previous, asOf))
        certifiedBefore.set(item.productId, item);
    }
    const counted: string[] = [];
    for (const [productId, baseItem] of certifiedBefore) {
      const items = facts.decisionItems.filter(
        (i) => i.productId === productId && i.date.date <= asOf,
      );
      const history = starHistory(
        items.map((i) => ({ id: i.decisionId, date: i.date, stars: i.stars, action: i.action })),
      );
      const upgrade = history.find(
        (entry) => entry.change === 'upgrade' && factInWindow(entry.date, period, asOf),
      );
      if (!upgrade) continue;
      tally.note(`decision:${baseItem.decisionId}:${productId}`, baseItem.date);
      tally.note(`decision:${upgrade.decisionId}:${productId}`, upgrade.date);
      counted.push(productId);
    }
    return { shape: 'count', value: counted.length, counted: sorted(counted) };
  },
};

const entitiesWithCapacityActivity: MetricDefinition = {
  name: 'entities_with_capacity_activity',
  shape: 'share',
  definition:
    "share of the year's participating entities with at least one capacity-building activity recorded in the plan year",
  compute(facts, context) {
    const { period, asOf, tally } = context;
    const base = sorted(participatingEntities(facts, context).keys());
    const productsOf = productsByEntity(facts);
    const activities = facts.activities.filter(
      (a) => a.kind === CAPACITY_ACTIVITY_KIND && factInWindow(a.date, period, asOf),
    );
    const counted = base.filter((entityId) => {
      const reached = activities.filter((a) =>
        activityReaches(a, entityId, productsOf.get(entityId) ?? []),
      );
      reached.forEach((a) => tally.noteActivity(a));
      return reached.length > 0;
    });
    return { shape: 'share', numerator: counted.length, denominator: base.length, counted, base };
  },
};

const previousYear4StarStandardised: MetricDefinition = {
  name: 'previous_year_4star_standardised',
  shape: 'share',
  definition:
    "share of the previous year's provincial 4★ products with a standardisation-support activity or a national-level evaluation in the plan year",
  compute(facts, { period, asOf, tally }) {
    const previous = previousYearOf(period);
    const baseItems = facts.decisionItems.filter(
      (i) =>
        i.action === 'recognise' &&
        i.issuingLevel === 'province' &&
        i.stars === 4 &&
        factInWindow(i.date, previous, asOf),
    );
    const base = sorted(baseItems.map((i) => i.productId));
    baseItems.forEach((i) => tally.note(`decision:${i.decisionId}:${i.productId}`, i.date));
    const entityOf = new Map(facts.products.map((p) => [p.id, p.entityId] as const));
    const counted = base.filter((productId) => {
      const entityId = entityOf.get(productId) ?? null;
      // An activity naming only entities reaches all their products; one naming products, only those.
      const activity = facts.activities.find(
        (a) =>
          a.kind === STANDARDISATION_ACTIVITY_KIND &&
          factInWindow(a.date, period, asOf) &&
          (a.productIds.includes(productId) ||
            (a.productIds.length === 0 && entityId !== null && a.entityIds.includes(entityId))),
      );
      if (activity) {
        tally.noteActivity(activity);
        return true;
      }
      const national = facts.evaluations.find(
        (e) =>
          e.productId === productId && e.level === 'national' && factInWindow(e.date, period, asOf),
      );
      if (national) tally.note(`evaluation:${national.id}`, national.date);
      return national !== undefined;
    });
    return { shape: 'share', numerator: counted.length, denominator: base.length, counted, base };
  },
};

/** All implemented metrics by name. */
export const METRICS: Readonly<Record<MetricName, MetricDefinition>> = Object.freeze({
  products_first_certified: productsFirstCertified,
  products_national_evaluation: productsNationalEvaluation,
  entities_participating_per_unit: entitiesParticipatingPerUnit,
  entities_with_provincial_product: entitiesWithProvincialProduct,
  provincial_pass_rate: provincialPassRate,
  upgrades_of_previous_year: upgradesOfPreviousYear,
  entities_with_capacity_activity: entitiesWithCapacityActivity,
  previous_year_4star_standardised: previousYear4StarStandardised,
  ...PROGRAMME_METRICS,
});

/** True when `name` is an implemented metric. */
export function isMetricName(name: string): name is MetricName {
  return Object.prototype.hasOwnProperty.call(METRICS, name);
}

/** The metric definition; throws UNKNOWN_METRIC. */
export function getMetric(name: string): MetricDefinition {
  if (!isMetricName(name)) {
    throw new DomainError('UNKNOWN_METRIC', `Metric "${name}" is not implemented`, {
      metric: name,
    });
  }
  return METRICS[name];
}

/** Computes a metric for a period on an as-of date, counting year-only records used. */
export function computeMetric(
  name: MetricName,
  facts: PlanFacts,
  period: PlanPeriod,
  asOf: IsoDate,
): MetricOutcome {
  const tally = new YearOnlyTally();
  const value = getMetric(name).compute(facts, { period, asOf, tally });
  return { ...value, yearOnlyRecords: tally.count, sampleRecords: tally.sampleCount };
}
