// Figures a plan computation counts besides its targets: metrics over the whole province's facts
// and metrics over each unit's own facts (the domain's factsOfUnit), such as the columns of the
// districts page (modules/districts). They are counted in the plan-progress worker with the
// targets, segment by segment (plan-progress-segments.ts): each is one more list of partials per
// segment, keyed here, so after a write the districts' figures recount only the touched segment
// as the targets do. Pure computation: no database, no ORM.
import {
  computeMetric,
  computeMetricPartials,
  factsOfUnit,
  YearOnlyTally,
  type MetricMerger,
  type MetricName,
  type MetricOutcome,
  type MetricPartial,
  type PlanFacts,
  type PlanPeriod,
  type UnitFact,
} from '@ocop/domain';

/** The figures asked besides the targets' metrics. */
export interface FigureRequest {
  /** Metrics over every fact of the province. */
  province: MetricName[];
  /** Metrics over each unit's own facts; one year-only tally per unit across them. */
  perUnit: MetricName[];
}

export const NO_FIGURES: FigureRequest = { province: [], perUnit: [] };

/** A figure's numbers without the ids behind them (what crosses the thread boundary). */
export interface FigureNumbers {
  value?: number;
  numerator?: number;
  denominator?: number;
  perUnit?: { unitCode: string; value: number }[];
}

export interface JobFigures {
  province: Partial<Record<MetricName, FigureNumbers>>;
  units: {
    unitCode: string;
    figures: Partial<Record<MetricName, FigureNumbers>>;
    /** Distinct year-only records behind the unit's figures (one tally across them). */
    yearOnlyRecords: number;
  }[];
}

/** The figures a computation counts: province metrics (targets' and asked) and unit metrics. */
export interface FigureSet {
  province: readonly MetricName[];
  perUnit: readonly MetricName[];
  units: readonly UnitFact[];
}

const SEPARATOR = '\u001f';

/** The key of a figure's partials: the metric, or the unit code and the metric. */
export const figureKey = (metric: MetricName, unitCode?: string): string =>
  unitCode === undefined ? metric : `${unitCode}${SEPARATOR}${metric}`;

/** The metric a figure key counts. */
export const metricOfKey = (key: string): MetricName =>
  key.slice(key.indexOf(SEPARATOR) + 1) as MetricName;

/** Every figure key of a set. */
export function figureKeys(set: FigureSet): string[] {
  const keys: string[] = [...set.province];
  for (const unit of set.units)
    for (const metric of set.perUnit) keys.push(figureKey(metric, unit.code));
  return keys;
}

/** Every figure's partial over one part of the facts. */
export function figurePartials(
  set: FigureSet,
  part: PlanFacts,
  period: PlanPeriod,
  asOf: string,
): Map<string, MetricPartial> {
  const partials: Map<string, MetricPartial> = computeMetricPartials(
    set.province,
    part,
    period,
    asOf,
  );
  if (set.perUnit.length === 0) return partials;
  for (const unit of set.units) {
    const own = computeMetricPartials(set.perUnit, factsOfUnit(part, unit.code), period, asOf);
    for (const [metric, partial] of own) partials.set(figureKey(metric, unit.code), partial);
  }
  return partials;
}

function numbersOf(outcome: MetricOutcome): FigureNumbers {
  if (outcome.shape === 'count') return { value: outcome.value };
  if (outcome.shape === 'share')
    return { numerator: outcome.numerator, denominator: outcome.denominator };
  return { perUnit: outcome.perUnit.map((u) => ({ unitCode: u.unitCode, value: u.value })) };
}

/** A unit's share of the province-wide rest: council rounds are province-wide (factsOfUnit). */
const restOfUnit = (
  unit: UnitFact,
  rest: Pick<PlanFacts, 'units' | 'councilRounds'>,
): Pick<PlanFacts, 'units' | 'councilRounds'> => ({
  units: [unit],
  ...(rest.councilRounds ? { councilRounds: [] } : {}),
});

/** The asked figures counted over every fact at once (a cold computation). */
export function directFigures(
  request: FigureRequest,
  facts: PlanFacts,
  period: PlanPeriod,
  asOf: string,
): JobFigures {
  const province: JobFigures['province'] = {};
  for (const metric of request.province)
    province[metric] = numbersOf(computeMetric(metric, facts, period, asOf));
  const units = facts.units.map((unit) => {
    const own = factsOfUnit(facts, unit.code);
    const tally = new YearOnlyTally();
    const figures: JobFigures['units'][number]['figures'] = {};
    for (const metric of request.perUnit)
      figures[metric] = numbersOf(computeMetric(metric, own, period, asOf, tally));
    return { unitCode: unit.code, figures, yearOnlyRecords: tally.count };
  });
  return { province, units };
}

/** The asked figures from the segments' merged partials (equal to directFigures: tested). */
export function mergedFigures(
  request: FigureRequest,
  mergers: ReadonlyMap<string, MetricMerger<number>>,
  rest: Pick<PlanFacts, 'units' | 'councilRounds'>,
  period: PlanPeriod,
  asOf: string,
): JobFigures {
  const province: JobFigures['province'] = {};
  for (const metric of request.province)
    province[metric] = numbersOf(mergers.get(metric)!.outcome(rest, period, asOf));
  const units = rest.units.map((unit) => {
    const figures: JobFigures['units'][number]['figures'] = {};
    const yearOnly = new Set<string>();
    for (const metric of request.perUnit) {
      const merger = mergers.get(figureKey(metric, unit.code))!;
      figures[metric] = numbersOf(merger.outcome(restOfUnit(unit, rest), period, asOf));
      for (const key of merger.yearOnlyKeys()) yearOnly.add(key);
    }
    return { unitCode: unit.code, figures, yearOnlyRecords: yearOnly.size };
  });
  return { province, units };
}

/**
 * The figures every plan computation counts besides its targets: the districts page's columns
 * (modules/districts/district-figures.service.ts: entities taking part per unit; each unit's pass
 * rate, first certifications and certifications by star). Counted with the targets, the overview
 * and /districts share one store of segment partials in the worker: one cold count, not two, and
 * after a write both recount only the touched segment.
 */
export const PLAN_FIGURES: FigureRequest = {
  province: ['entities_participating_per_unit'],
  perUnit: [
    'provincial_pass_rate',
    'products_first_certified',
    'products_certified_3star',
    'products_certified_4star',
    'products_certified_5star',
  ],
};
