/**
 * Status rule for plan targets. Its name is returned with every status so a changed rule shows
 * up as a new name, never as silently different colours on the dashboard.
 */
import { compareIso, daysBetween, type IsoDate } from '../dates.js';
import type { PlanPeriod } from './facts.js';
import type { TargetKind } from './targets.js';

/**
 * Target status on an as-of date. `met` / `missed` are final (the period is over); `demo_data`
 * marks a figure resting on generated sample records (never shown as achieved); `no_data_source`
 * a target whose facts are not recorded at all (e.g. sales points), never shown as 0.
 */
export type TargetStatus =
  | 'achieved'
  | 'on_track'
  | 'at_risk'
  | 'off_track'
  | 'not_started'
  | 'met'
  | 'missed'
  | 'demo_data'
  | 'no_data_source';

/** Every status, in display order. */
export const TARGET_STATUSES: readonly TargetStatus[] = Object.freeze([
  'met',
  'achieved',
  'on_track',
  'at_risk',
  'off_track',
  'missed',
  'not_started',
  'demo_data',
  'no_data_source',
]);

/**
 * Name of the rule implemented by {@link decideStatus}. v2 (issue 9): final met/missed after the
 * period, demo_data for figures on sample records, no_data_source for unrecorded facts.
 */
export const STATUS_RULE = 'linear-pace-v2';

/** The rule's constants (see {@link decideStatus}). */
export const PACE_RULE = Object.freeze({
  /** Counts at or above this fraction of the expected pace are at_risk rather than off_track. */
  atRiskPaceFraction: 0.5,
  /** In the first quarter of the period a count shortfall is at most at_risk. */
  graceFraction: 0.25,
  /** A share within this many percentage points below target is on_track. */
  shareOnTrackMarginPp: 10,
  /** A share within this many percentage points below target is at_risk. */
  shareAtRiskMarginPp: 25,
});

/** Fraction of the period elapsed on `asOf`, counting `asOf` itself: 0 before start, 1 after end. */
export function elapsedFraction(period: PlanPeriod, asOf: IsoDate): number {
  if (compareIso(asOf, period.start) < 0) return 0;
  if (compareIso(asOf, period.end) >= 0) return 1;
  return (daysBetween(period.start, asOf) + 1) / (daysBetween(period.start, period.end) + 1);
}

/** Inputs of {@link decideStatus}. */
export interface StatusInput {
  kind: TargetKind;
  period: PlanPeriod;
  asOf: IsoDate;
  /** Count, share in percent, or (each_unit_at_least) the lowest unit's value; null = no data. */
  actual: number | null;
  target: number;
  targetMax: number | null;
  met: boolean;
  unitLabel: string;
  /** Distinct sample (generated demo) records the figure rests on; > 0 gives demo_data. */
  sampleRecords?: number;
  /** False when the facts the target counts are not recorded anywhere (no_data_source). */
  dataRecorded?: boolean;
}

/**
 * Which sentence of linear-pace-v1 explains a status, so apps can say it in their own language
 * (the English `statusReason` says the same). One code per branch of {@link decideStatus}.
 */
export type StatusReasonCode =
  /** The facts the target counts are not recorded: params asOf. */
  | 'no_data_source'
  /** The figure rests on sample records: params asOf, sampleRecords. */
  | 'demo_data'
  /** Period over, target met: params periodEnd, margin (actual − target, ≥ 0). */
  | 'period_ended_met'
  /** asOf before the period: params periodStart, asOf. */
  | 'before_period'
  /** Target met: params asOf. */
  | 'achieved'
  /** count_between met above its upper bound: params asOf, targetMax. */
  | 'achieved_above_range'
  /** Period over, target unmet: params periodEnd, margin (actual − target, < 0; absent with no data). */
  | 'period_ended_unmet'
  /** Nothing measurable yet: params asOf. */
  | 'no_data'
  /** Share within shareOnTrackMarginPp of the target: params asOf, marginPoints. */
  | 'share_within_margin'
  /** Share short, within shareAtRiskMarginPp: params asOf, gapPoints, marginPoints. */
  | 'share_short'
  /** Share short beyond the at-risk margin: params asOf, gapPoints. */
  | 'share_far_short'
  /** Count at or above linear pace: params asOf, expected, elapsedPercent. */
  | 'pace_ahead'
  /** Count behind pace but at risk only: params asOf, expected, elapsedPercent. */
  | 'pace_behind'
  /** Count below half of linear pace: params asOf, expected, elapsedPercent. */
  | 'pace_far_behind';

/**
 * Numbers and dates of a status reason. `target` (and `targetMax` for ranges) are always given;
 * `actual` is absent when there is no data. Numbers are rounded to 2 decimals.
 */
export interface StatusReasonParams {
  asOf: IsoDate;
  target: number;
  targetMax?: number;
  actual?: number;
  periodStart?: IsoDate;
  periodEnd?: IsoDate;
  expected?: number;
  elapsedPercent?: number;
  gapPoints?: number;
  marginPoints?: number;
  /** Final result minus target (counts: in units; shares: in percentage points). */
  margin?: number;
  sampleRecords?: number;
}

/** A status, the English sentence that explains it with the numbers, and the same as code + params. */
export interface StatusDecision {
  status: TargetStatus;
  statusRule: string;
  statusReason: string;
  statusReasonCode: StatusReasonCode;
  statusReasonParams: StatusReasonParams;
  /** Expected value at this point under linear pace (counts only), else null. */
  expected: number | null;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function fmt(value: number): string {
  return Number.isInteger(value)
    ? String(value)
    : value.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

function describe(input: StatusInput): string {
  const { kind, actual, target, targetMax, unitLabel } = input;
  const goal =
    kind === 'count_between' && targetMax !== null
      ? `${fmt(target)}–${fmt(targetMax)}`
      : fmt(target);
  if (actual === null) return `no data yet (target ${goal} ${unitLabel})`;
  if (kind === 'share_at_least') return `${fmt(actual)}% against a target of ${goal}%`;
  if (kind === 'each_unit_at_least')
    return `the lowest unit has ${fmt(actual)} against ${goal} ${unitLabel} per unit`;
  return `${fmt(actual)} against a target of ${goal} ${unitLabel}`;
}

/**
 * linear-pace-v2, applied in this order:
 * 0. The target's facts are not recorded at all → no_data_source (never 0, never green).
 * 0b. The figure rests on sample records (sampleRecords > 0) → demo_data: generated activities
 *    prove nothing, so such a figure is never achieved/met, whatever its value.
 * 1. `asOf` before the period starts → not_started.
 * 2. `asOf` on or after the period's last day → final: met or missed, with the margin
 *    (actual − target; percentage points for shares). Never "at risk" once the plan is over.
 * 3. Target met during the period → achieved. count_between is met at its lower bound; above the
 *    upper bound it is still achieved (plan 152 says "khoảng 5–8", an estimate, so overshoot is
 *    not failure) and the caller flags `aboveUpperBound` for review.
 * 4. No data (a share whose denominator is 0, or no units) during the period → not_started:
 *    nothing measurable has happened yet; it is never shown as 0 %.
 * 5. Counts (count_at_least, count_between, each_unit_at_least using the lowest unit): expected
 *    = target × elapsedFraction. actual ≥ expected → on_track; actual ≥ 0.5 × expected, or still
 *    in the first quarter of the period → at_risk (OCOP councils sit in rounds — 2021's first
 *    was in April — so early shortfalls are normal); else off_track.
 * 6. Shares are not cumulative, so they are compared with the target directly: within 10
 *    percentage points below → on_track; within 25 → at_risk; else off_track.
 */
export function decideStatus(input: StatusInput): StatusDecision {
  const { kind, period, asOf, actual, target, met } = input;
  const base = describe(input);
  const common: StatusReasonParams = {
    asOf,
    target,
    ...(kind === 'count_between' && input.targetMax !== null ? { targetMax: input.targetMax } : {}),
    ...(actual === null ? {} : { actual: round2(actual) }),
  };
  const result = (
    status: TargetStatus,
    code: StatusReasonCode,
    reason: string,
    extra: Partial<StatusReasonParams> = {},
    expected: number | null = null,
  ): StatusDecision => ({
    status,
    statusRule: STATUS_RULE,
    statusReason: reason,
    statusReasonCode: code,
    statusReasonParams: { ...common, ...extra },
    expected,
  });

  if (input.dataRecorded === false) {
    return result(
      'no_data_source',
      'no_data_source',
      `No data source on ${asOf}: the facts this target counts are not recorded (target ${fmt(target)} ${input.unitLabel}).`,
    );
  }
  const sampleRecords = input.sampleRecords ?? 0;
  if (sampleRecords > 0) {
    return result(
      'demo_data',
      'demo_data',
      `Demo data on ${asOf}: ${base}, resting on ${sampleRecords} generated sample records, not on published facts.`,
      { sampleRecords },
    );
  }
  if (compareIso(asOf, period.start) < 0) {
    return result(
      'not_started',
      'before_period',
      `The plan period starts on ${period.start}, after ${asOf}; ${base}.`,
      {
        periodStart: period.start,
      },
    );
  }
  if (compareIso(asOf, period.end) >= 0) {
    const margin = actual === null ? undefined : round2(actual - target);
    const marginText =
      margin === undefined ? '' : ` (margin ${margin > 0 ? '+' : ''}${fmt(margin)})`;
    if (met) {
      return result(
        'met',
        'period_ended_met',
        `Met: the period ended on ${period.end} with ${base}${marginText}.`,
        { periodEnd: period.end, ...(margin === undefined ? {} : { margin }) },
      );
    }
    return result(
      'missed',
      'period_ended_unmet',
      `Missed: the period ended on ${period.end} with ${base}${marginText}.`,
      { periodEnd: period.end, ...(margin === undefined ? {} : { margin }) },
    );
  }
  if (met) {
    if (
      kind === 'count_between' &&
      input.targetMax !== null &&
      actual !== null &&
      actual > input.targetMax
    ) {
      return result(
        'achieved',
        'achieved_above_range',
        `Achieved on ${asOf}: ${base}; above the planned upper bound of ${fmt(input.targetMax)}.`,
      );
    }
    return result('achieved', 'achieved', `Achieved on ${asOf}: ${base}.`);
  }
  if (actual === null) {
    return result('not_started', 'no_data', `Nothing to measure on ${asOf}: ${base}.`);
  }
  if (kind === 'share_at_least') {
    const gap = target - actual;
    const onTrack = PACE_RULE.shareOnTrackMarginPp;
    const atRisk = PACE_RULE.shareAtRiskMarginPp;
    if (gap <= onTrack) {
      return result(
        'on_track',
        'share_within_margin',
        `On ${asOf}: ${base}, within ${onTrack} points of the target.`,
        {
          marginPoints: onTrack,
        },
      );
    }
    if (gap <= atRisk) {
      return result(
        'at_risk',
        'share_short',
        `On ${asOf}: ${base}, ${fmt(gap)} points short (at-risk margin ${atRisk}).`,
        {
          gapPoints: round2(gap),
          marginPoints: atRisk,
        },
      );
    }
    return result(
      'off_track',
      'share_far_short',
      `On ${asOf}: ${base}, ${fmt(gap)} points short.`,
      { gapPoints: round2(gap) },
    );
  }
  const fraction = elapsedFraction(period, asOf);
  const expected = target * fraction;
  const pace = `linear pace expects ${fmt(expected)} after ${fmt(fraction * 100)}% of the period`;
  const paceParams = { expected: round2(expected), elapsedPercent: round2(fraction * 100) };
  if (actual >= expected)
    return result('on_track', 'pace_ahead', `On ${asOf}: ${base}; ${pace}.`, paceParams, expected);
  if (actual >= PACE_RULE.atRiskPaceFraction * expected || fraction <= PACE_RULE.graceFraction) {
    return result('at_risk', 'pace_behind', `On ${asOf}: ${base}; ${pace}.`, paceParams, expected);
  }
  return result(
    'off_track',
    'pace_far_behind',
    `On ${asOf}: ${base}; ${pace}, and it is below half of that.`,
    paceParams,
    expected,
  );
}

/** The as-of date to show by default: today, or the period end for a plan already over. */
export function defaultAsOf(periodEnd: IsoDate, today: IsoDate): IsoDate {
  return compareIso(today, periodEnd) > 0 ? periodEnd : today;
}
