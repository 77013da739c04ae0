/**
 * Status rule for plan targets. Its name is returned with every status so a changed rule shows
 * up as a new name, never as silently different colours on the dashboard.
 */
import { compareIso, daysBetween, type IsoDate } from '../dates.js';
import type { PlanPeriod } from './facts.js';
import type { TargetKind } from './targets.js';

/** Target status on an as-of date. */
export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'not_started';

/** Name of the rule implemented by {@link decideStatus}. */
export const STATUS_RULE = 'linear-pace-v1';

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
}

/** A status and the English sentence that explains it with the numbers. */
export interface StatusDecision {
  status: TargetStatus;
  statusRule: string;
  statusReason: string;
  /** Expected value at this point under linear pace (counts only), else null. */
  expected: number | null;
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

function describe(input: StatusInput): string {
  const { kind, actual, target, targetMax, unitLabel } = input;
  const goal = kind === 'count_between' && targetMax !== null ? `${fmt(target)}–${fmt(targetMax)}` : fmt(target);
  if (actual === null) return `no data yet (target ${goal} ${unitLabel})`;
  if (kind === 'share_at_least') return `${fmt(actual)}% against a target of ${goal}%`;
  if (kind === 'each_unit_at_least') return `the lowest unit has ${fmt(actual)} against ${goal} ${unitLabel} per unit`;
  return `${fmt(actual)} against a target of ${goal} ${unitLabel}`;
}

/**
 * linear-pace-v1, applied in this order:
 * 1. `asOf` before the period starts → not_started.
 * 2. Target met → achieved. count_between is met at its lower bound; above the upper bound it
 *    is still achieved (plan 152 says "khoảng 5–8", an estimate, so overshoot is not failure)
 *    and the caller flags `aboveUpperBound` for review.
 * 3. `asOf` after the period ended and not met → off_track (the plan failed this target).
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
  const result = (status: TargetStatus, reason: string, expected: number | null = null): StatusDecision => ({
    status,
    statusRule: STATUS_RULE,
    statusReason: reason,
    expected,
  });

  if (compareIso(asOf, period.start) < 0) {
    return result('not_started', `The plan period starts on ${period.start}, after ${asOf}; ${base}.`);
  }
  if (met) {
    const above =
      kind === 'count_between' && input.targetMax !== null && actual !== null && actual > input.targetMax
        ? `; above the planned upper bound of ${fmt(input.targetMax)}`
        : '';
    return result('achieved', `Achieved on ${asOf}: ${base}${above}.`);
  }
  if (compareIso(asOf, period.end) > 0) {
    return result('off_track', `The period ended on ${period.end} without meeting the target: ${base}.`);
  }
  if (actual === null) {
    return result('not_started', `Nothing to measure on ${asOf}: ${base}.`);
  }
  if (kind === 'share_at_least') {
    const gap = target - actual;
    if (gap <= PACE_RULE.shareOnTrackMarginPp) {
      return result('on_track', `On ${asOf}: ${base}, within ${PACE_RULE.shareOnTrackMarginPp} points of the target.`);
    }
    if (gap <= PACE_RULE.shareAtRiskMarginPp) {
      return result('at_risk', `On ${asOf}: ${base}, ${fmt(gap)} points short (at-risk margin ${PACE_RULE.shareAtRiskMarginPp}).`);
    }
    return result('off_track', `On ${asOf}: ${base}, ${fmt(gap)} points short.`);
  }
  const fraction = elapsedFraction(period, asOf);
  const expected = target * fraction;
  const pace = `linear pace expects ${fmt(expected)} after ${fmt(fraction * 100)}% of the period`;
  if (actual >= expected) return result('on_track', `On ${asOf}: ${base}; ${pace}.`, expected);
  if (actual >= PACE_RULE.atRiskPaceFraction * expected || fraction <= PACE_RULE.graceFraction) {
    return result('at_risk', `On ${asOf}: ${base}; ${pace}.`, expected);
  }
  return result('off_track', `On ${asOf}: ${base}; ${pace}, and it is below half of that.`, expected);
}

/** The as-of date to show by default: today, or the period end for a plan already over. */
export function defaultAsOf(periodEnd: IsoDate, today: IsoDate): IsoDate {
  return compareIso(today, periodEnd) > 0 ? periodEnd : today;
}
