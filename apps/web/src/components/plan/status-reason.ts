/**
 * Says a target's status reason in the reader's language from the API's statusReasonCode and
 * statusReasonParams (numbers and dates of the domain's linear-pace-v2). Without a code (an older
 * API) it falls back to the API's English statusReason.
 */
import type { PlanTarget, StatusReasonParam } from '../../graphql/plan';

export interface ReasonFormat {
  t: (key: string, named: Record<string, string>) => string;
  te: (key: string) => boolean;
  /** Number with up to `digits` decimals in the reader's locale. */
  n: (value: number, digits?: number) => string;
  d: (iso: string) => string;
}

function paramMap(params: readonly StatusReasonParam[], f: ReasonFormat): Record<string, string> {
  const named: Record<string, string> = {};
  for (const p of params) {
    if (p.date != null) named[p.name] = f.d(p.date);
    else if (p.number != null) named[p.name] = f.n(p.number, 2);
  }
  return named;
}

function baseClause(target: PlanTarget, named: Record<string, string>, f: ReasonFormat): string {
  const unitKey = `statusReason.units.${target.unitLabel}`;
  const unit = f.te(unitKey) ? f.t(unitKey, {}) : target.unitLabel;
  const goal =
    named.targetMax !== undefined && target.kind === 'COUNT_BETWEEN'
      ? `${named.target}–${named.targetMax}`
      : (named.target ?? '');
  const share = target.kind === 'SHARE_AT_LEAST';
  if (named.actual === undefined)
    return f.t(share ? 'statusReason.base.noDataShare' : 'statusReason.base.noData', {
      goal,
      unit,
    });
  const key = share ? 'share' : target.kind === 'EACH_UNIT_AT_LEAST' ? 'eachUnit' : 'count';
  return f.t(`statusReason.base.${key}`, { actual: named.actual, goal, unit });
}

export function formatStatusReason(target: PlanTarget, f: ReasonFormat): string {
  const p = target.progress;
  const key = p.statusReasonCode ? `statusReason.${p.statusReasonCode}` : null;
  if (!key || !f.te(key)) return p.statusReason;
  const named = paramMap(p.statusReasonParams ?? [], f);
  // A final status without a value (a share with no base) has no margin to give.
  named.margin ??= '—';
  return f.t(key, { ...named, base: baseClause(target, named, f) });
}
