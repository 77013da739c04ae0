/**
 * Plan metrics: one function per fact definition. A plan target names its metric (see
 * PLAN_152_METRICS in targets.ts), so a new plan adds rows, not logic. Each definition text is
 * the one in data/seed/plan-2021-targets.csv.
 */
import type { FactDate, IsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import { starHistory } from '../rules/certificate.js';
import { indexFacts, upToOf, windowOf, type DayRange, type FactIndex } from './fact-index.js';
import {
  previousYearOf,
  YearOnlyTally,
  type ActivityFact,
  type DecisionItemFact,
  type EvaluationFact,
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
  | {
      shape: 'share';
      numerator: number;
      denominator: number;
      counted: string[];
      base: string[];
      /** Rounds whose published counts gave numerator and denominator ("1/2021"). */
      publishedRounds?: string[];
    }
  | {
      shape: 'per_unit';
      perUnit: { unitCode: string; value: number; counted: string[] }[];
      unassigned: string[];
    };

/** A metric's value plus how many year-only records it used. */
export type MetricOutcome = MetricValue & { yearOnlyRecords: number; sampleRecords: number };

/**
 * Inputs every metric receives. The windows and the index are built once per computation (dates
 * validated once), so a metric is one pass, or a few, over its facts: O(n) or O(n log n).
 */
export interface MetricContext {
  period: PlanPeriod;
  asOf: IsoDate;
  tally: YearOnlyTally;
  /** The period up to asOf (facts.ts factInWindow). */
  window: DayRange;
  /** The previous year (previousYearOf) up to asOf. */
  previousWindow: DayRange;
  /** Everything up to the period end and asOf (metrics-programme.ts factUpTo). */
  upTo: DayRange;
  index: FactIndex;
}

/** A metric: its shape, its definition in words, and its computation. */
export interface MetricDefinition {
  name: MetricName;
  shape: MetricShape;
  definition: string;
  compute(facts: PlanFacts, context: MetricContext): MetricValue;
  /**
   * A province-wide adjustment of the value counted from the records (the pass rate's published
   * council rounds). Kept apart from `compute` so a value counted part by part (metric-partials.ts)
   * is adjusted once, after its parts are merged.
   */
  finish?(
    value: MetricValue,
    facts: Pick<PlanFacts, 'councilRounds'>,
    context: Pick<MetricContext, 'window'>,
  ): MetricValue;
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

/** {@link sorted} of ids already distinct (map keys, a set): no set built to drop duplicates. */
function sortedDistinct(ids: string[] | ReadonlySet<string>): string[] {
  return (Array.isArray(ids) ? ids : [...ids]).sort();
}

/**
 * Participating entities: registered in the period, or owning a product evaluated at any level
 * in the period (plan 152 T3 definition "registered or evaluated"). Maps id → unit code.
 */
function participatingEntities(
  facts: PlanFacts,
  context: MetricContext,
): ReadonlyMap<string, string | null> {
  const { window, tally, index } = context;
  // Computed once per fact set and window (three plan 152 targets read it); the year-only
  // records it used are noted again in each caller's tally.
  const key = `participating:${window.from}:${window.to}`;
  let shared = index.shared.get(key) as
    { result: Map<string, string | null>; yearOnly: [string, FactDate][] } | undefined;
  if (!shared) {
    const result = new Map<string, string | null>();
    const yearOnly: [string, FactDate][] = [];
    // Keys are built for year-only dates alone (the tally keeps no others).
    for (const entity of facts.entities) {
      if (entity.registeredOn && window.contains(entity.registeredOn)) {
        if (entity.registeredOn.precision === 'year')
          yearOnly.push([`entity:${entity.id}`, entity.registeredOn]);
        result.set(entity.id, entity.unitCode);
      }
    }
    for (const evaluation of facts.evaluations) {
      const product = index.productById.get(evaluation.productId);
      if (!product?.entityId || !window.contains(evaluation.date)) continue;
      if (evaluation.date.precision === 'year')
        yearOnly.push([`evaluation:${evaluation.id}`, evaluation.date]);
      // An entity missing from `entities` (or without a unit) takes its product's unit.
      const unit = index.entityById.get(product.entityId)?.unitCode ?? product.unitCode;
      // Values are never undefined: undefined = not yet in the map.
      if ((result.get(product.entityId) ?? null) === null) result.set(product.entityId, unit);
    }
    shared = { result, yearOnly };
    index.shared.set(key, shared);
  }
  for (const [noteKey, date] of shared.yearOnly) tally.note(noteKey, date);
  return shared.result;
}

/** The participating entities' ids, sorted (shared like participatingEntities). */
function participatingIds(facts: PlanFacts, context: MetricContext): string[] {
  const entities = participatingEntities(facts, context);
  const key = `participating-ids:${context.window.from}:${context.window.to}`;
  let ids = context.index.shared.get(key) as string[] | undefined;
  if (!ids) {
    ids = sortedDistinct([...entities.keys()]);
    context.index.shared.set(key, ids);
  }
  return ids;
}

/**
 * The entities each activity reaches: those it names, and the makers of the products it names
 * (task ALL-CAPACITY counts an entity reached through one of its products).
 */
function activitiesByEntity(
  activities: readonly ActivityFact[],
  index: FactIndex,
): Map<string, ActivityFact[]> {
  const byEntity = new Map<string, ActivityFact[]>();
  for (const activity of activities) {
    const reached = new Set(activity.entityIds);
    for (const productId of activity.productIds) {
      const entityId = index.productById.get(productId)?.entityId;
      if (entityId) reached.add(entityId);
    }
    for (const entityId of reached) {
      const list = byEntity.get(entityId);
      if (list) list.push(activity);
      else byEntity.set(entityId, [activity]);
    }
  }
  return byEntity;
}

const productsFirstCertified: MetricDefinition = {
  name: 'products_first_certified',
  shape: 'count',
  definition: 'distinct products whose first OCOP certificate (3★+) is dated in the plan year',
  compute(_facts, { asOf, tally, window, index }) {
    const counted: string[] = [];
    // Each product's items from the index (input order, so a same-day tie keeps the first).
    for (const [productId, items] of index.itemsByProduct) {
      let first: DecisionItemFact | undefined;
      for (const item of items) {
        if (!certifies(item) || item.date.date > asOf) continue;
        if (!first || item.date.date < first.date.date) first = item;
      }
      if (!first || !window.contains(first.date)) continue;
      tally.noteDecisionItem(first.decisionId, productId, first.date);
      counted.push(productId);
    }
    return { shape: 'count', value: counted.length, counted: sortedDistinct(counted) };
  },
};

const productsNationalEvaluation: MetricDefinition = {
  name: 'products_national_evaluation',
  shape: 'count',
  definition: 'distinct products with a national-level evaluation in the plan year',
  compute(facts, { tally, window }) {
    const counted = new Set<string>();
    for (const evaluation of facts.evaluations) {
      if (evaluation.level !== 'national' || !window.contains(evaluation.date)) continue;
      tally.noteEvaluation(evaluation.id, evaluation.date);
      counted.add(evaluation.productId);
    }
    return { shape: 'count', value: counted.size, counted: sortedDistinct(counted) };
  },
};

const entitiesParticipatingPerUnit: MetricDefinition = {
  name: 'entities_participating_per_unit',
  shape: 'per_unit',
  definition:
    'per unit: distinct entities that entered the programme (registered or evaluated) in the plan year; met when every unit reaches the target',
  compute(facts, context) {
    const participating = participatingEntities(facts, context);
    const byUnit = new Map<string, string[]>();
    const unassigned: string[] = [];
    // Grouped in the order of the shared sorted ids, so each unit's list comes out sorted (and
    // distinct) without sorting it again.
    for (const id of participatingIds(facts, context)) {
      const code = participating.get(id) ?? null;
      if (code === null || !context.index.unitCodes.has(code)) unassigned.push(id);
      else {
        const ids = byUnit.get(code);
        if (ids) ids.push(id);
        else byUnit.set(code, [id]);
      }
    }
    // Every unit appears, including those with no entity (value 0).
    const perUnit = facts.units.map((unit) => {
      const counted = [...(byUnit.get(unit.code) ?? [])];
      return { unitCode: unit.code, value: counted.length, counted };
    });
    return { shape: 'per_unit', perUnit, unassigned };
  },
};

const entitiesWithProvincialProduct: MetricDefinition = {
  name: 'entities_with_provincial_product',
  shape: 'share',
  definition:
    "share of the year's participating entities with at least one product evaluated at provincial level in the plan year",
  compute(facts, context) {
    const { window, tally, index } = context;
    const base = [...participatingIds(facts, context)];
    const withProvincial = new Set<string>();
    for (const evaluation of facts.evaluations) {
      if (evaluation.level !== 'province' || !window.contains(evaluation.date)) continue;
      const entityId = index.productById.get(evaluation.productId)?.entityId;
      if (!entityId) continue;
      tally.noteEvaluation(evaluation.id, evaluation.date);
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
    'products evaluated at provincial level in the plan year that reached 3★ or more / products evaluated at provincial level in the plan year; the counts the province published for its council rounds when they cover at least the recorded evaluations',
  compute(facts, { tally, window }) {
    const evaluated = new Set<string>();
    const passed = new Set<string>();
    const unknownStars = new Set<string>();
    for (const evaluation of facts.evaluations) {
      if (evaluation.level !== 'province' || !window.contains(evaluation.date)) continue;
      tally.noteEvaluation(evaluation.id, evaluation.date);
      evaluated.add(evaluation.productId);
      if (evaluation.stars === null) unknownStars.add(evaluation.productId);
      else if (evaluation.stars >= 3) passed.add(evaluation.productId);
    }
    // When the evaluation record has no stars, a recognition in the period shows it passed.
    for (const item of facts.decisionItems) {
      if (!unknownStars.has(item.productId) || passed.has(item.productId)) continue;
      if (!certifies(item) || !window.contains(item.date)) continue;
      tally.noteDecisionItem(item.decisionId, item.productId, item.date);
      passed.add(item.productId);
    }
    const base = sortedDistinct(evaluated);
    const counted = base.filter((id) => passed.has(id));
    return { shape: 'share', numerator: counted.length, denominator: base.length, counted, base };
  },
  finish(value, facts, { window }) {
    if (value.shape !== 'share') return value;
    // Failed products are seldom listed: when the province published a round's counts and they
    // cover at least what is recorded, the rate uses them (and says which rounds it used).
    const rounds = (facts.councilRounds ?? []).filter(
      (r) => r.level === 'province' && window.contains(r.date),
    );
    const published = rounds.reduce(
      (sum, r) => ({ evaluated: sum.evaluated + r.evaluated, passed: sum.passed + r.passed }),
      { evaluated: 0, passed: 0 },
    );
    if (
      rounds.length > 0 &&
      published.evaluated >= value.base.length &&
      published.passed >= value.counted.length
    ) {
      return {
        ...value,
        numerator: published.passed,
        denominator: published.evaluated,
        publishedRounds: rounds.map((r) => `${r.round}/${r.year}`),
      };
    }
    return value;
  },
};

const upgradesOfPreviousYear: MetricDefinition = {
  name: 'upgrades_of_previous_year',
  shape: 'count',
  definition:
    'distinct products certified in the previous year whose star level rose through a decision dated in the plan year',
  compute(_facts, { asOf, tally, window, previousWindow, index }) {
    const counted: string[] = [];
    // Each product's items from the index, in input order.
    for (const [productId, all] of index.itemsByProduct) {
      // The base: the product's last certifying item (input order) of the previous year.
      let baseItem: DecisionItemFact | undefined;
      // An upgrade is a recognition with stars, and its history entry carries its item's date: a
      // product with no such item in the window has none there (most have none), so its star
      // history is not built.
      let mayUpgrade = false;
      for (const i of all) {
        if (certifies(i) && previousWindow.contains(i.date)) baseItem = i;
        if (i.action === 'recognise' && i.stars !== null && window.contains(i.date))
          mayUpgrade = true;
      }
      if (!baseItem || !mayUpgrade) continue;
      const items = all.filter((i) => i.date.date <= asOf);
      const history = starHistory(
        items.map((i) => ({ id: i.decisionId, date: i.date, stars: i.stars, action: i.action })),
      );
      const upgrade = history.find(
        (entry) => entry.change === 'upgrade' && window.contains(entry.date),
      );
      if (!upgrade) continue;
      tally.noteDecisionItem(baseItem.decisionId, productId, baseItem.date);
      tally.noteDecisionItem(upgrade.decisionId, productId, upgrade.date);
      counted.push(productId);
    }
    return { shape: 'count', value: counted.length, counted: sortedDistinct(counted) };
  },
};

const entitiesWithCapacityActivity: MetricDefinition = {
  name: 'entities_with_capacity_activity',
  shape: 'share',
  definition:
    "share of the year's participating entities with at least one capacity-building activity recorded in the plan year",
  compute(facts, context) {
    const { window, tally, index } = context;
    const base = [...participatingIds(facts, context)];
    const reaching = activitiesByEntity(
      facts.activities.filter((a) => a.kind === CAPACITY_ACTIVITY_KIND && window.contains(a.date)),
      index,
    );
    const counted = base.filter((entityId) => {
      const reached = reaching.get(entityId) ?? [];
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
  compute(facts, { tally, window, previousWindow, index }) {
    const baseItems = facts.decisionItems.filter(
      (i) =>
        i.action === 'recognise' &&
        i.issuingLevel === 'province' &&
        i.stars === 4 &&
        previousWindow.contains(i.date),
    );
    const base = sorted(baseItems.map((i) => i.productId));
    baseItems.forEach((i) => tally.noteDecisionItem(i.decisionId, i.productId, i.date));
    // An activity naming only entities reaches all their products; one naming products, only
    // those. The first such activity (in input order) of each product and entity is the one noted.
    const firstForProduct = new Map<string, number>();
    const firstForEntity = new Map<string, number>();
    facts.activities.forEach((a, position) => {
      if (a.kind !== STANDARDISATION_ACTIVITY_KIND || !window.contains(a.date)) return;
      if (a.productIds.length > 0) {
        for (const id of a.productIds)
          if (!firstForProduct.has(id)) firstForProduct.set(id, position);
      } else {
        for (const id of a.entityIds) if (!firstForEntity.has(id)) firstForEntity.set(id, position);
      }
    });
    // The first national evaluation in the window of each product, in input order.
    const nationalOf = new Map<string, EvaluationFact>();
    for (const evaluation of facts.evaluations)
      if (
        evaluation.level === 'national' &&
        !nationalOf.has(evaluation.productId) &&
        window.contains(evaluation.date)
      )
        nationalOf.set(evaluation.productId, evaluation);
    const counted = base.filter((productId) => {
      const entityId = index.productById.get(productId)?.entityId ?? null;
      const positions = [
        firstForProduct.get(productId),
        entityId === null ? undefined : firstForEntity.get(entityId),
      ].filter((p): p is number => p !== undefined);
      if (positions.length > 0) {
        tally.noteActivity(facts.activities[Math.min(...positions)]!);
        return true;
      }
      const national = nationalOf.get(productId);
      if (national) tally.noteEvaluation(national.id, national.date);
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

/** The windows and index every metric of one computation reads (built once per fact set). */
export function metricContext(
  facts: PlanFacts,
  period: PlanPeriod,
  asOf: IsoDate,
  tally: YearOnlyTally,
): MetricContext {
  return {
    period,
    asOf,
    tally,
    window: windowOf(period, asOf),
    previousWindow: windowOf(previousYearOf(period), asOf),
    upTo: upToOf(period, asOf),
    index: indexFacts(facts),
  };
}

/**
 * Computes a metric for a period on an as-of date, counting year-only records used. Several
 * figures shown together (a row of the districts table) pass one `tally` to count their distinct
 * year-only records once; the outcome's counts are then the shared tally's so far.
 */
export function computeMetric(
  name: MetricName,
  facts: PlanFacts,
  period: PlanPeriod,
  asOf: IsoDate,
  tally: YearOnlyTally = new YearOnlyTally(),
): MetricOutcome {
  const metric = getMetric(name);
  const context = metricContext(facts, period, asOf, tally);
  const counted = metric.compute(facts, context);
  const value = metric.finish ? metric.finish(counted, facts, context) : counted;
  return { ...value, yearOnlyRecords: tally.count, sampleRecords: tally.sampleCount };
}
