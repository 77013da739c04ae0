/**
 * Plain fact records the plan metrics read. The API loads them from the database; tests build
 * them by hand. Every fact keeps its date precision so as-of counts can say how many year-only
 * records they used (README, "Facts, definitions and sources").
 */
import { addDays, addMonths, compareIso, type FactDate, type IsoDate } from '../dates.js';
import type { RecognisingLevel } from '../rules/rule-sets.js';
import type { CouncilRoundFact } from './council-rounds.js';

/** A plan's period, both ends inclusive (plan 152: 2021-01-01 → 2021-12-31). */
export interface PlanPeriod {
  start: IsoDate;
  end: IsoDate;
}

/** Council level of an evaluation. */
export type EvaluationLevel = 'district' | 'province' | 'national';

/** A unit the plan tracks (e.g. the 11 district-level units of 2021). */
export interface UnitFact {
  code: string;
  name: string;
}

/** A participating entity (chủ thể OCOP). */
export interface EntityFact {
  id: string;
  unitCode: string | null;
  /** When it registered with the programme, if known. */
  registeredOn: FactDate | null;
  /** Legal form (enterprise, cooperative, cooperative_group, household_business), if known. */
  type?: string | null;
}

/** A product and who makes it, where. */
export interface ProductFact {
  id: string;
  entityId: string | null;
  unitCode: string | null;
}

/** One council evaluation of one product. */
export interface EvaluationFact {
  id: string;
  productId: string;
  level: EvaluationLevel;
  date: FactDate;
  /** Star class scored; null when the source gives none. */
  stars: number | null;
}

/** One product line of a recognition/revocation decision. */
export interface DecisionItemFact {
  decisionId: string;
  productId: string;
  date: FactDate;
  issuingLevel: RecognisingLevel;
  /** null = OCOP status confirmed, star class unknown. */
  stars: number | null;
  action: 'recognise' | 'revoke';
}

/** A recorded support activity (training, standardisation support, …). */
export interface ActivityFact {
  id: string;
  kind: string;
  date: FactDate;
  entityIds: string[];
  productIds: string[];
  unitCode: string | null;
  /**
   * A fabricated demo record (no activity records are published for An Giang). Results report
   * how many such records they used, so a target met on sample data never passes for a real one.
   */
  sample?: boolean;
}

/** Everything the plan metrics read. */
export interface PlanFacts {
  units: UnitFact[];
  entities: EntityFact[];
  products: ProductFact[];
  evaluations: EvaluationFact[];
  decisionItems: DecisionItemFact[];
  activities: ActivityFact[];
  /** Provincial council rounds with published counts (plan/council-rounds.ts); absent = none. */
  councilRounds?: CouncilRoundFact[];
}

/** An empty fact set, handy as a base for tests and for callers that load parts. */
export function emptyPlanFacts(): PlanFacts {
  return {
    units: [],
    entities: [],
    products: [],
    evaluations: [],
    decisionItems: [],
    activities: [],
  };
}

/**
 * As-of rule + period: a fact counts when its stored date (a year-only fact's is 31 Dec) lies
 * inside the period and is on or before `asOf`.
 */
export function factInWindow(fact: FactDate, period: PlanPeriod, asOf: IsoDate): boolean {
  return (
    compareIso(period.start, fact.date) <= 0 &&
    compareIso(fact.date, period.end) <= 0 &&
    compareIso(fact.date, asOf) <= 0
  );
}

/**
 * The "previous year" of a plan: the twelve months before its start (plan 2021 → 2020-01-01 →
 * 2020-12-31). Plan 152 targets T6 and T8 refer to the previous year's OCOP products.
 */
export function previousYearOf(period: PlanPeriod): PlanPeriod {
  return { start: addMonths(period.start, -12), end: addDays(period.start, -1) };
}

/**
 * Counts the distinct year-only records and sample records a computation used, so results can
 * report both caveats beside the number.
 */
export class YearOnlyTally {
  private readonly seen = new Set<string>();
  private readonly samples = new Set<string>();

  /** Notes a record if its date is year-only; `key` must be unique per record (e.g. 'eval:e1'). */
  note(key: string, date: FactDate): void {
    if (date.precision === 'year') this.seen.add(key);
  }

  /**
   * Notes a decision item (key `decision:<decision id>:<product id>`). The key is built only for a
   * year-only date: a metric notes every item it counts (tens of thousands at 100,000 products),
   * and almost all are dated to the day.
   */
  noteDecisionItem(decisionId: string, productId: string, date: FactDate): void {
    if (date.precision === 'year') this.seen.add(`decision:${decisionId}:${productId}`);
  }

  /** Notes an evaluation (key `evaluation:<id>`), building the key only for a year-only date. */
  noteEvaluation(id: string, date: FactDate): void {
    if (date.precision === 'year') this.seen.add(`evaluation:${id}`);
  }

  /** Notes an activity the result used: its date precision and whether it is sample data. */
  noteActivity(activity: Pick<ActivityFact, 'id' | 'date' | 'sample'>): void {
    if (activity.date.precision === 'year') this.seen.add(`activity:${activity.id}`);
    if (activity.sample) this.samples.add(activity.id);
  }

  get count(): number {
    return this.seen.size;
  }

  /** Distinct sample activities used. */
  get sampleCount(): number {
    return this.samples.size;
  }

  /** The keys of the year-only records noted so far (to merge tallies of parts: metric-partials.ts). */
  yearOnlyKeys(): string[] {
    return [...this.seen];
  }

  /** The ids of the sample activities noted so far. */
  sampleIds(): string[] {
    return [...this.samples];
  }

  /** Notes what another tally noted (its keys and sample ids); each record still counts once. */
  absorb(yearOnlyKeys: readonly string[], sampleIds: readonly string[]): void {
    for (const key of yearOnlyKeys) this.seen.add(key);
    for (const id of sampleIds) this.samples.add(id);
  }
}
