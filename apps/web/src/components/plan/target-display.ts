import type { PlanTarget } from '../../graphql/plan';
import type { TargetStatus } from '../../graphql/types';

/** Icons pair with text so status is never conveyed by colour alone. */
export const STATUS_ICONS: Record<TargetStatus, string> = {
  ACHIEVED: '✔',
  ON_TRACK: '➜',
  AT_RISK: '⚠',
  OFF_TRACK: '✖',
  NOT_STARTED: '○',
  MET: '✔',
  MISSED: '✖',
  DEMO_DATA: '⚑',
  NO_DATA_SOURCE: '∅',
};

/** Share of the target reached, clamped to 0..1, for the progress bar; null when there is nothing to measure. */
export function progressFraction(target: PlanTarget): number | null {
  const p = target.progress;
  if (p.noData) return null;
  // Each-unit targets are shown as "units met / units", so the bar follows that share; the API's
  // ratio for them compares the weakest unit with the per-unit target.
  if (target.kind === 'EACH_UNIT_AT_LEAST') {
    if (p.numerator != null && p.denominator != null && p.denominator > 0)
      return clamp(p.numerator / p.denominator);
    const units = p.perUnit.length;
    return units === 0 ? null : clamp(p.perUnit.filter((u) => u.met).length / units);
  }
  if (p.ratio != null) return clamp(p.ratio);
  switch (target.kind) {
    case 'SHARE_AT_LEAST': {
      const share = shareOf(target);
      return share == null || p.target <= 0 ? null : clamp(share / (p.target / 100));
    }
    default:
      return p.actual == null || p.target <= 0 ? null : clamp(p.actual / p.target);
  }
}

/** Numerator/denominator as a fraction (0..1), falling back to `actual` in percent. */
export function shareOf(target: PlanTarget): number | null {
  const p = target.progress;
  if (p.numerator != null && p.denominator != null && p.denominator > 0)
    return p.numerator / p.denominator;
  return p.actual == null ? null : p.actual / 100;
}

function clamp(value: number): number {
  return Math.max(0, Math.min(1, value));
}
