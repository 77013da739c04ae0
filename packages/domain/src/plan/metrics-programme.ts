/**
 * Metrics of the yearly plans 2020–2025 and the 2021–2025 programme (data/seed/
 * plan-targets-2020-2025.csv): certificates of one star level, cumulative counts since the
 * programme's start, shares of entity types and of upgraded products. Registered in METRICS
 * (metrics.ts); each definition text is the one the CSV gives.
 */
import { compareIso, type FactDate, type IsoDate } from '../dates.js';
import { starHistory, type StarHistoryEntry } from '../rules/certificate.js';
import type { FactIndex } from './fact-index.js';
import type { DecisionItemFact, PlanFacts, PlanPeriod } from './facts.js';
import type { MetricContext, MetricDefinition } from './metrics.js';

/** Names of the metrics defined here. */
export type ProgrammeMetricName =
  | 'products_certified_3star'
  | 'products_certified_4star'
  | 'products_certified_5star'
  | 'products_certified_cumulative'
  | 'five_star_products_cumulative'
  | 'entities_cooperative_share'
  | 'entities_enterprise_share'
  | 'products_upgraded_share'
  | 'products_provincial_evaluation_per_unit'
  | 'products_with_support_activity';

/**
 * A target whose facts the monitor does not record (OCOP showrooms, sales points): allowed in a
 * plan, never computed; its progress says "no data source" instead of a number.
 */
export const NO_DATA_SOURCE_METRIC = 'no_data_source';

function sorted(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}

/** A 'recognise' item that certifies: 3★+ or star unknown (OCOP status confirmed). */
function certifies(item: DecisionItemFact): boolean {
  return item.action === 'recognise' && (item.stars === null || item.stars >= 3);
}

/**
 * Cumulative window: every fact up to the period end and the as-of day, with no lower bound —
 * programme targets count "since the programme's start", and the 2021–2025 programme counts the
 * products certified since 2019 (data/seed/plan-targets-2020-2025.csv, P1).
 */
export function factUpTo(fact: FactDate, period: PlanPeriod, asOf: IsoDate): boolean {
  return compareIso(fact.date, period.end) <= 0 && compareIso(fact.date, asOf) <= 0;
}

function certifiedWithStars(stars: 3 | 4 | 5): MetricDefinition {
  return {
    name: `products_certified_${stars}star`,
    shape: 'count',
    definition: `distinct products whose certificate dated in the plan year is ${stars}★ (first certification or re-certification)`,
    compute(facts, { tally, window }) {
      const counted = new Set<string>();
      for (const item of facts.decisionItems) {
        if (item.action !== 'recognise' || item.stars !== stars) continue;
        if (!window.contains(item.date)) continue;
        tally.noteDecisionItem(item.decisionId, item.productId, item.date);
        counted.add(item.productId);
      }
      return { shape: 'count', value: counted.size, counted: sorted(counted) };
    },
  };
}

/** A 5★ recognition (national level). */
function recognisesFiveStars(item: DecisionItemFact): boolean {
  return item.action === 'recognise' && item.stars === 5;
}

const ACCEPTED = { certified: certifies, five_star: recognisesFiveStars } as const;

/**
 * Products with an accepted decision up to the period end (no lower bound), sorted; each product's
 * first such item is noted in the tally. Computed once per fact set and day: three programme
 * targets read the certified products, at every month end of a trend (five years: 60 days), and
 * each scan of every decision item, then sort, cost as much as the rest of the computation. The
 * year-only items it used are noted again in each caller's tally (as participatingEntities).
 */
function productsCertifiedUpTo(
  facts: PlanFacts,
  { tally, upTo, index }: MetricContext,
  accepted: keyof typeof ACCEPTED,
): readonly string[] {
  const key = `certified-up-to:${accepted}:${upTo.to}`;
  let shared = index.shared.get(key) as
    { ids: string[]; yearOnly: [string, FactDate][] } | undefined;
  if (!shared) {
    const accept = ACCEPTED[accepted];
    const result = new Set<string>();
    const yearOnly: [string, FactDate][] = [];
    for (const item of facts.decisionItems) {
      if (!accept(item) || !upTo.contains(item.date)) continue;
      if (result.has(item.productId)) continue;
      // The tally's key for a decision item (YearOnlyTally.noteDecisionItem), year-only alone.
      if (item.date.precision === 'year')
        yearOnly.push([`decision:${item.decisionId}:${item.productId}`, item.date]);
      result.add(item.productId);
    }
    shared = { ids: [...result].sort(), yearOnly };
    index.shared.set(key, shared);
  }
  for (const [noteKey, date] of shared.yearOnly) tally.note(noteKey, date);
  return shared.ids;
}

/**
 * The entities making the products certified up to the period end, sorted, with each one's type
 * ('' when the entity is not among the facts), shared as above by the two entity-type shares.
 */
function entitiesCertifiedUpTo(
  facts: PlanFacts,
  context: MetricContext,
): { ids: readonly string[]; types: readonly string[] } {
  const certified = productsCertifiedUpTo(facts, context, 'certified');
  const key = `certified-entities-up-to:${context.upTo.to}`;
  let shared = context.index.shared.get(key) as { ids: string[]; types: string[] } | undefined;
  if (!shared) {
    const { productById, entityById } = context.index;
    const ids = sorted(
      certified
        .map((id) => productById.get(id)?.entityId ?? null)
        .filter((id): id is string => !!id),
    );
    shared = { ids, types: ids.map((id) => entityById.get(id)?.type ?? '') };
    context.index.shared.set(key, shared);
  }
  return shared;
}

const productsCertifiedCumulative: MetricDefinition = {
  name: 'products_certified_cumulative',
  shape: 'count',
  definition:
    'distinct products ever certified 3★+ from the start of the programme up to the end of the period',
  compute(facts, context) {
    const counted = productsCertifiedUpTo(facts, context, 'certified');
    return { shape: 'count', value: counted.length, counted: [...counted] };
  },
};

const fiveStarCumulative: MetricDefinition = {
  name: 'five_star_products_cumulative',
  shape: 'count',
  definition: 'distinct products with a 5★ (national) recognition up to the end of the period',
  compute(facts, context) {
    const counted = productsCertifiedUpTo(facts, context, 'five_star');
    return { shape: 'count', value: counted.length, counted: [...counted] };
  },
};

function entityTypeShare(
  name: ProgrammeMetricName,
  types: readonly string[],
  label: string,
): MetricDefinition {
  return {
    name,
    shape: 'share',
    definition: `share of entities with a product certified 3★+ by the end of the period whose type is ${label}`,
    compute(facts, context) {
      const entities = entitiesCertifiedUpTo(facts, context);
      const counted = entities.ids.filter((_, i) => types.includes(entities.types[i]!));
      return {
        shape: 'share',
        numerator: counted.length,
        denominator: entities.ids.length,
        counted,
        base: [...entities.ids],
      };
    },
  };
}

/**
 * Every product's star history over all its decision items in the facts, in the order of
 * `itemsByProduct`, built once per fact set (a trend asks them again at every month end: 60 times
 * for the 2021–2025 programme). An array, not a map by product id: looking 60,000 ids up at every
 * point cost more than building the histories.
 */
function starHistories(index: FactIndex): readonly (readonly StarHistoryEntry[])[] {
  let histories = index.shared.get('star-histories') as StarHistoryEntry[][] | undefined;
  if (!histories) {
    histories = [...index.itemsByProduct.values()].map((items) =>
      starHistory(
        items.map((i) => ({ id: i.decisionId, date: i.date, stars: i.stars, action: i.action })),
      ),
    );
    index.shared.set('star-histories', histories);
  }
  return histories;
}

const productsUpgradedShare: MetricDefinition = {
  name: 'products_upgraded_share',
  shape: 'share',
  definition:
    'share of products certified in the period whose star level rose through a later decision in the period',
  compute(_facts, { tally, window, index }) {
    const base: string[] = [];
    const counted: string[] = [];
    const histories = starHistories(index);
    let at = -1;
    for (const [productId, all] of index.itemsByProduct) {
      at += 1;
      // The window ends on or before the as-of day, so its items are all known by then.
      let certifiedInPeriod = false;
      for (const item of all) {
        if (!certifies(item) || !window.contains(item.date)) continue;
        certifiedInPeriod = true;
        tally.noteDecisionItem(item.decisionId, productId, item.date);
      }
      if (!certifiedInPeriod) continue;
      base.push(productId);
      // The history of the items known on the as-of day is the start of the whole history (each
      // entry follows from the earlier ones), and an upgrade inside the window is in that start.
      if (histories[at]!.some((e) => e.change === 'upgrade' && window.contains(e.date)))
        counted.push(productId);
    }
    const sortedBase = sorted(base);
    const sortedCounted = sorted(counted);
    return {
      shape: 'share',
      numerator: sortedCounted.length,
      denominator: sortedBase.length,
      counted: sortedCounted,
      base: sortedBase,
    };
  },
};

const productsProvincialEvaluationPerUnit: MetricDefinition = {
  name: 'products_provincial_evaluation_per_unit',
  shape: 'per_unit',
  definition:
    'per unit: distinct products of the unit evaluated at provincial level in the plan year',
  compute(facts, { tally, window, index }) {
    const byUnit = new Map<string, Set<string>>();
    const unassigned = new Set<string>();
    for (const evaluation of facts.evaluations) {
      if (evaluation.level !== 'province' || !window.contains(evaluation.date)) continue;
      tally.noteEvaluation(evaluation.id, evaluation.date);
      const unit = index.productById.get(evaluation.productId)?.unitCode ?? null;
      if (unit === null || !index.unitCodes.has(unit)) {
        unassigned.add(evaluation.productId);
        continue;
      }
      byUnit.set(unit, (byUnit.get(unit) ?? new Set()).add(evaluation.productId));
    }
    const perUnit = facts.units.map((unit) => {
      const counted = sorted(byUnit.get(unit.code) ?? []);
      return { unitCode: unit.code, value: counted.length, counted };
    });
    return { shape: 'per_unit', perUnit, unassigned: sorted(unassigned) };
  },
};

const productsWithSupportActivity: MetricDefinition = {
  name: 'products_with_support_activity',
  shape: 'count',
  definition:
    'distinct products with at least one support activity recorded in the plan year (an activity naming only entities reaches all their products)',
  compute(facts, { tally, window, index }) {
    const counted = new Set<string>();
    for (const activity of facts.activities) {
      if (!window.contains(activity.date)) continue;
      const reached =
        activity.productIds.length > 0
          ? activity.productIds
          : activity.entityIds.flatMap((id) => index.productsOfEntity.get(id) ?? []);
      if (reached.length === 0) continue;
      tally.noteActivity(activity);
      reached.forEach((id) => counted.add(id));
    }
    return { shape: 'count', value: counted.size, counted: sorted(counted) };
  },
};

/** The metrics of this file by name (spread into METRICS). */
export const PROGRAMME_METRICS: Readonly<Record<ProgrammeMetricName, MetricDefinition>> =
  Object.freeze({
    products_certified_3star: certifiedWithStars(3),
    products_certified_4star: certifiedWithStars(4),
    products_certified_5star: certifiedWithStars(5),
    products_certified_cumulative: productsCertifiedCumulative,
    five_star_products_cumulative: fiveStarCumulative,
    entities_cooperative_share: entityTypeShare(
      'entities_cooperative_share',
      ['cooperative', 'cooperative_group'],
      'cooperative or cooperative group',
    ),
    entities_enterprise_share: entityTypeShare(
      'entities_enterprise_share',
      ['enterprise'],
      'enterprise (taken as SME: company size is not recorded)',
    ),
    products_upgraded_share: productsUpgradedShare,
    products_provincial_evaluation_per_unit: productsProvincialEvaluationPerUnit,
    products_with_support_activity: productsWithSupportActivity,
  });
