/**
 * What the metrics need to run in linear time over a fact set: every fact date validated once
 * (afterwards ISO strings compare correctly as plain strings, no per-comparison validation), and
 * the facts indexed by product and entity. Built once per PlanFacts object and shared by every
 * metric computed over it (a plan's targets all read the same facts).
 */
import { parseIsoDate, type FactDate, type IsoDate } from '../dates.js';
import type {
  DecisionItemFact,
  EntityFact,
  EvaluationFact,
  PlanFacts,
  PlanPeriod,
  ProductFact,
} from './facts.js';

export interface FactIndex {
  productById: ReadonlyMap<string, ProductFact>;
  entityById: ReadonlyMap<string, EntityFact>;
  /** Product ids of each entity, in input order. */
  productsOfEntity: ReadonlyMap<string, readonly string[]>;
  /** Decision items of each product, in input order (star histories keep it for same-day ties). */
  itemsByProduct: ReadonlyMap<string, readonly DecisionItemFact[]>;
  /** Evaluations of each product, in input order. */
  evaluationsByProduct: ReadonlyMap<string, readonly EvaluationFact[]>;
  unitCodes: ReadonlySet<string>;
  /**
   * Results several metrics share over the same facts (e.g. the participating entities of a
   * window, read by three plan 152 targets), keyed by what they were computed from; dropped with
   * the index when the facts change.
   */
  shared: Map<string, unknown>;
}

interface Indexed {
  index: FactIndex;
  /** The arrays and lengths indexed: a fact set changed since (replaced or appended) is re-indexed. */
  shape: unknown[];
}

const indexes = new WeakMap<PlanFacts, Indexed>();

const shapeOf = (facts: PlanFacts): unknown[] =>
  [
    facts.units,
    facts.entities,
    facts.products,
    facts.evaluations,
    facts.decisionItems,
    facts.activities,
  ].flatMap((list) => [list, list.length]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Days already validated: a fact set of 100,000 products holds a few thousand distinct days, so
 * each is checked once, not once per fact. Bounded, since a long-lived process sees every day.
 */
const validDays = new Set<string>();
const VALID_DAYS_KEPT = 50_000;

function validate(date: FactDate): void {
  if (validDays.has(date.date)) return;
  parseIsoDate(date.date);
  if (validDays.size >= VALID_DAYS_KEPT) validDays.clear();
  validDays.add(date.date);
}

/**
 * The index of `facts` (built on first use, then reused). Throws INVALID_DATE for a fact whose
 * date is not a real calendar day, as a metric comparing it would. A fact set whose lists were
 * replaced or grew since is indexed again; facts edited in place are not noticed.
 */
export function indexFacts(facts: PlanFacts): FactIndex {
  const shape = shapeOf(facts);
  const known = indexes.get(facts);
  if (known && known.shape.every((part, i) => part === shape[i])) return known.index;
  // Facts of one day usually share one FactDate object (the API makes one per distinct day and
  // precision), met again and again in a row (the items of one decision): checked once per run.
  let lastChecked: FactDate | null = null;
  const check = (date: FactDate) => {
    if (date === lastChecked) return;
    validate(date);
    lastChecked = date;
  };
  const productById = new Map<string, ProductFact>();
  for (const product of facts.products) productById.set(product.id, product);
  const entityById = new Map<string, EntityFact>();
  for (const entity of facts.entities) {
    if (entity.registeredOn) check(entity.registeredOn);
    entityById.set(entity.id, entity);
  }
  const itemsByProduct = new Map<string, DecisionItemFact[]>();
  for (const item of facts.decisionItems) {
    check(item.date);
    push(itemsByProduct, item.productId, item);
  }
  for (const evaluation of facts.evaluations) check(evaluation.date);
  for (const activity of facts.activities) check(activity.date);
  // Built on first use: few metrics read them (none of the 2021 plan's reads productsOfEntity),
  // and each costs a map of tens of thousands of lists at 100,000 products.
  let productsOfEntity: Map<string, string[]> | undefined;
  let evaluationsByProduct: Map<string, EvaluationFact[]> | undefined;
  const index: FactIndex = {
    productById,
    entityById,
    get productsOfEntity() {
      if (!productsOfEntity) {
        productsOfEntity = new Map();
        for (const product of facts.products)
          if (product.entityId) push(productsOfEntity, product.entityId, product.id);
      }
      return productsOfEntity;
    },
    itemsByProduct,
    get evaluationsByProduct() {
      if (!evaluationsByProduct) {
        evaluationsByProduct = new Map();
        for (const evaluation of facts.evaluations)
          push(evaluationsByProduct, evaluation.productId, evaluation);
      }
      return evaluationsByProduct;
    },
    unitCodes: new Set(facts.units.map((u) => u.code)),
    shared: new Map(),
  };
  indexes.set(facts, { index, shape });
  return index;
}

/**
 * A range of days, both ends inclusive, validated once: `contains` is then two string
 * comparisons. `from` null = no lower bound.
 */
export class DayRange {
  constructor(
    readonly from: IsoDate | null,
    readonly to: IsoDate,
  ) {
    if (from !== null) parseIsoDate(from);
    parseIsoDate(to);
  }

  contains(date: FactDate): boolean {
    return (this.from === null || this.from <= date.date) && date.date <= this.to;
  }
}

/** The as-of rule + period (facts.ts factInWindow): inside the period and on or before asOf. */
export function windowOf(period: PlanPeriod, asOf: IsoDate): DayRange {
  parseIsoDate(period.end);
  parseIsoDate(asOf);
  return new DayRange(period.start, asOf < period.end ? asOf : period.end);
}

/** The cumulative window (metrics-programme.ts factUpTo): up to the period end and asOf. */
export function upToOf(period: PlanPeriod, asOf: IsoDate): DayRange {
  parseIsoDate(period.end);
  parseIsoDate(asOf);
  return new DayRange(null, asOf < period.end ? asOf : period.end);
}
