import type { TargetKind, TargetStatus } from '../graphql/types';
import { useLocale } from './useLocale';

/** The parts of a target a compact table says: its goal and its actual, in the target's own form. */
export interface TargetFigures {
  kind: TargetKind;
  targetValue: number;
  targetMax?: number | null;
  progress: {
    actual: number | null;
    numerator?: number | null;
    denominator?: number | null;
    noData: boolean;
    status: TargetStatus;
  };
}

/** Short goal and actual texts for tables (the cards say more; PlanTargetCard.vue). */
export function useTargetText() {
  const { t, n, pct } = useLocale();

  function goalText(target: TargetFigures): string {
    switch (target.kind) {
      case 'COUNT_BETWEEN':
        return t('programme.goalBetween', {
          min: n(target.targetValue),
          max: n(target.targetMax ?? target.targetValue),
        });
      case 'SHARE_AT_LEAST':
        return t('programme.goalAtLeast', { value: pct(target.targetValue / 100) });
      case 'EACH_UNIT_AT_LEAST':
        return t('programme.goalEachUnit', { value: n(target.targetValue) });
      default:
        return t('programme.goalAtLeast', { value: n(target.targetValue) });
    }
  }

  function actualText(target: TargetFigures): string {
    const p = target.progress;
    if (p.status === 'NO_DATA_SOURCE' || p.noData || p.actual == null) return t('status.noData');
    switch (target.kind) {
      case 'SHARE_AT_LEAST':
        return p.numerator != null && p.denominator != null
          ? `${n(p.numerator)}/${n(p.denominator)} (${pct(p.actual / 100)})`
          : pct(p.actual / 100);
      case 'EACH_UNIT_AT_LEAST':
        return p.numerator != null && p.denominator != null
          ? t('programme.unitsMet', { met: n(p.numerator), total: n(p.denominator) })
          : n(p.actual);
      default:
        return n(p.actual);
    }
  }

  return { goalText, actualText };
}
