/** Progress of plan targets on an as-of date. */
import { parseIsoDate, type IsoDate } from '../dates.js';
import type { PlanFacts } from './facts.js';
import { NO_DATA_SOURCE_METRIC } from './metrics-programme.js';
import { computeMetric, type MetricOutcome } from './metrics.js';
import {
  STATUS_RULE,
  decideStatus,
  TARGET_STATUSES,
  type StatusReasonCode,
  type StatusReasonParams,
  type TargetStatus,
} from './pace.js';
import type { PlanTarget } from './targets.js';

/**
 * One unit's value for an each_unit_at_least target, with its own status under the same rule as
 * the target (the unit's count against the per-unit target), so a scorecard can colour each unit.
 */
export interface UnitProgress {
  unitCode: string;
  value: number;
  met: boolean;
  status: TargetStatus;
  statusReasonCode: StatusReasonCode;
  statusReasonParams: StatusReasonParams;
}

/** Progress of one target on `asOf`. */
export interface TargetProgress {
  asOf: IsoDate;
  /** Count; share in percent (2 decimals); lowest unit value for each_unit_at_least; null = no data. */
  actual: number | null;
  /** Shares: entities/products counted; each_unit_at_least: units that met the target. */
  numerator?: number;
  /** Shares: the base; each_unit_at_least: number of units. */
  denominator?: number;
  perUnit?: UnitProgress[];
  target: number;
  targetMax: number | null;
  /** actual / target; null with no data or a zero target. */
  ratio: number | null;
  met: boolean;
  /** count_between only: actual above the upper bound. */
  aboveUpperBound?: boolean;
  noData: boolean;
  status: TargetStatus;
  statusRule: string;
  /** Why this status, in English. */
  statusReason: string;
  /** The same reason as a code and its numbers and dates, for translation. */
  statusReasonCode: StatusReasonCode;
  statusReasonParams: StatusReasonParams;
  /** Distinct year-only records used (each counts from 31 Dec of its year). */
  yearOnlyRecords: number;
  /** Distinct sample (fabricated demo) activity records used; 0 when the figure rests on real records only. */
  sampleRecords: number;
  /** Ids behind the number (products or entities), for "point to what it counts". */
  counted: string[];
  /** The metric and its definition, so every figure carries its definition. */
  metric: string;
  definition: string;
  /** The definition in Vietnamese; null when the target has none. */
  definitionVi: string | null;
  /** True when the target's facts are not recorded at all (metric no_data_source). */
  noDataSource: boolean;
  /** Shares only: council rounds whose published counts gave the numbers ("1/2021"). */
  publishedRounds?: string[];
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Computes a target's value from the facts on `asOf` and judges it with linear-pace-v1
 * (pace.ts). Shares with a zero denominator are "no data" (actual null), never 0 % or NaN.
 * each_unit_at_least is met when every unit reaches the target; units with 0 are listed.
 */
export function computeTargetProgress(
  target: PlanTarget,
  facts: PlanFacts,
  asOf: IsoDate,
): TargetProgress {
  parseIsoDate(asOf);
  if (target.metric === NO_DATA_SOURCE_METRIC) return noDataSourceProgress(target, asOf);
  return progressOfOutcome(target, computeMetric(target.metric, facts, target.period, asOf), asOf);
}

/**
 * A target's progress from its metric's outcome on `asOf` (computed over the whole fact set, or
 * merged from parts: metric-partials.ts). A no_data_source target has no outcome: see
 * {@link noDataSourceProgress}.
 */
export function progressOfOutcome(
  target: PlanTarget,
  outcome: MetricOutcome,
  asOf: IsoDate,
): TargetProgress {
  let actual: number | null = null;
  let met = false;
  let numerator: number | undefined;
  let denominator: number | undefined;
  let perUnit: UnitProgress[] | undefined;
  let counted: string[] = [];
  let publishedRounds: string[] | undefined;

  if (outcome.shape === 'count') {
    actual = outcome.value;
    met = actual >= target.target;
    counted = outcome.counted;
  } else if (outcome.shape === 'share') {
    numerator = outcome.numerator;
    denominator = outcome.denominator;
    counted = outcome.counted;
    publishedRounds = outcome.publishedRounds;
    if (denominator > 0) {
      actual = round2((numerator / denominator) * 100);
      // Integer comparison: 4/5 meets 80 % exactly, whatever the float rounding.
      met = numerator * 100 >= target.target * denominator;
    }
  } else {
    perUnit = outcome.perUnit.map((u) =>
      unitProgress(target, u.unitCode, u.value, outcome.sampleRecords, asOf),
    );
    // concat, not flatMap: at 100,000 products the units list ~22,000 entities, which flatMap
    // copied in 5 ms against concat's 0.3 ms (Node 20).
    counted = ([] as string[]).concat(...outcome.perUnit.map((u) => u.counted));
    numerator = perUnit.filter((u) => u.met).length;
    denominator = perUnit.length;
    if (perUnit.length > 0) {
      actual = Math.min(...perUnit.map((u) => u.value));
      met = numerator === denominator;
    }
  }

  const aboveUpperBound =
    target.kind === 'count_between'
      ? actual !== null && target.targetMax !== null && actual > target.targetMax
      : undefined;
  const decision = decideStatus({
    kind: target.kind,
    period: target.period,
    asOf,
    actual,
    target: target.target,
    targetMax: target.targetMax,
    met,
    unitLabel: target.unitLabel,
    sampleRecords: outcome.sampleRecords,
  });

  return {
    asOf,
    actual,
    ...(numerator === undefined ? {} : { numerator }),
    ...(denominator === undefined ? {} : { denominator }),
    ...(perUnit === undefined ? {} : { perUnit }),
    target: target.target,
    targetMax: target.targetMax,
    ratio: actual === null || target.target === 0 ? null : round2(actual / target.target),
    met,
    ...(aboveUpperBound === undefined ? {} : { aboveUpperBound }),
    noData: actual === null,
    status: decision.status,
    statusRule: decision.statusRule,
    statusReason: decision.statusReason,
    statusReasonCode: decision.statusReasonCode,
    statusReasonParams: decision.statusReasonParams,
    yearOnlyRecords: outcome.yearOnlyRecords,
    sampleRecords: outcome.sampleRecords,
    counted,
    metric: target.metric,
    definition: target.definition,
    definitionVi: target.definitionVi,
    noDataSource: false,
    ...(publishedRounds === undefined ? {} : { publishedRounds }),
  };
}

/**
 * A unit's share of an each_unit_at_least target: its count against the per-unit target, judged
 * by decideStatus as a count of its own (met, missed, on track by linear pace…). The target's
 * sample records carry over, so a unit figure resting on sample data is never green either.
 */
export function unitProgress(
  target: PlanTarget,
  unitCode: string,
  value: number,
  sampleRecords: number,
  asOf: IsoDate,
): UnitProgress {
  const met = value >= target.target;
  const decision = decideStatus({
    kind: target.kind,
    period: target.period,
    asOf,
    actual: value,
    target: target.target,
    targetMax: target.targetMax,
    met,
    unitLabel: target.unitLabel,
    sampleRecords,
  });
  return {
    unitCode,
    value,
    met,
    status: decision.status,
    statusReasonCode: decision.statusReasonCode,
    statusReasonParams: decision.statusReasonParams,
  };
}

/**
 * A target whose facts are not recorded (showrooms, sales points): no number, status
 * no_data_source (linear-pace-v2, the same decision decideStatus gives for dataRecorded false),
 * and `noDataSource` so it is never read as "nothing yet".
 */
export function noDataSourceProgress(target: PlanTarget, asOf: IsoDate): TargetProgress {
  return {
    asOf,
    actual: null,
    target: target.target,
    targetMax: target.targetMax,
    ratio: null,
    met: false,
    noData: true,
    noDataSource: true,
    status: 'no_data_source',
    statusRule: STATUS_RULE,
    statusReason: `No data source: facts of this kind (${target.unitLabel}) are not recorded in the monitor, so the target cannot be computed.`,
    statusReasonCode: 'no_data_source',
    statusReasonParams: {
      asOf,
      target: target.target,
      ...(target.targetMax === null ? {} : { targetMax: target.targetMax }),
    },
    yearOnlyRecords: 0,
    sampleRecords: 0,
    counted: [],
    metric: target.metric,
    definition: target.definition,
    definitionVi: target.definitionVi,
  };
}

/** Progress of every target of a plan. */
export interface PlanProgress {
  asOf: IsoDate;
  targets: { target: PlanTarget; progress: TargetProgress }[];
  /** How many targets have each status. */
  statusCounts: Record<TargetStatus, number>;
}

/** {@link computeTargetProgress} for each target, plus a count per status. */
export function computePlanProgress(
  targets: readonly PlanTarget[],
  facts: PlanFacts,
  asOf: IsoDate,
): PlanProgress {
  const rows = targets.map((target) => ({
    target,
    progress: computeTargetProgress(target, facts, asOf),
  }));
  const statusCounts = Object.fromEntries(TARGET_STATUSES.map((s) => [s, 0])) as Record<
    TargetStatus,
    number
  >;
  rows.forEach((row) => (statusCounts[row.progress.status] += 1));
  return { asOf, targets: rows, statusCounts };
}
