/** Pure helpers of the secretariat's plan forms (/entry/plans): periods, numbers, value checks. */
import type { TargetKind } from '../graphql/plan-admin';

/** A plan's default period: its calendar year; a programme runs five years (2021–2025). */
export function defaultPeriod(year: number, programme: boolean): { start: string; end: string } {
  return { start: `${year}-01-01`, end: `${programme ? year + 4 : year}-12-31` };
}

/** A plan year as typed: four digits within the API's bounds (2019–2100), else null. */
export function parsePlanYear(text: string | number): number | null {
  const value = String(text).trim();
  if (!/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 2019 && year <= 2100 ? year : null;
}

/** A number as typed ("12", "12,5" or "12.5"); null when it is not one. */
export function parseAmount(text: string | number): number | null {
  const value = String(text).trim().replace(',', '.');
  return /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : null;
}

/** Why a target's value(s) would be refused (the API's rules, checked before sending), by field. */
export function targetValueErrors(
  kind: TargetKind,
  value: string | number,
  max: string | number,
): Partial<Record<'targetValue' | 'targetMax', 'notANumber' | 'shareMax' | 'rangeOrder'>> {
  const lower = parseAmount(value);
  if (lower === null) return { targetValue: 'notANumber' };
  if (kind === 'SHARE_AT_LEAST' && lower > 100) return { targetValue: 'shareMax' };
  if (kind !== 'COUNT_BETWEEN') return {};
  const upper = parseAmount(max);
  if (upper === null) return { targetMax: 'notANumber' };
  return upper < lower ? { targetMax: 'rangeOrder' } : {};
}

/** Units a target is counted in, as stored (`unitLabel`), and their text keys. */
export const UNIT_LABELS = [
  { value: 'products', key: 'products' },
  { value: 'entities', key: 'entities' },
  { value: 'percent', key: 'percent' },
  { value: 'sales points', key: 'salesPoints' },
] as const;

/** Scopes as stored (`scope`, as in data/seed/plan-targets-2020-2025.csv) and their text keys. */
export const SCOPES = [
  { value: 'province', key: 'province' },
  { value: 'each district-level unit', key: 'eachUnit' },
] as const;

/** The unit and scope a new target of `kind` most likely has. */
export function defaultsForKind(kind: TargetKind): { unitLabel: string; scope: string } {
  if (kind === 'SHARE_AT_LEAST') return { unitLabel: 'percent', scope: 'province' };
  if (kind === 'EACH_UNIT_AT_LEAST')
    return { unitLabel: 'products', scope: 'each district-level unit' };
  return { unitLabel: 'products', scope: 'province' };
}

/** "≥ 30", "50–70", "≥ 80 %": a target's value as the plan page lists it. */
export function targetValueText(
  kind: TargetKind | string,
  value: number,
  max: number | null,
  format: (n: number) => string = String,
): string {
  if (kind === 'COUNT_BETWEEN' && max !== null) return `${format(value)}–${format(max)}`;
  return kind === 'SHARE_AT_LEAST' ? `≥ ${format(value)} %` : `≥ ${format(value)}`;
}

/** Activity kinds typed as "trade_promotion, fair": trimmed, empty ones dropped, each once. */
export function splitKinds(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
}

/** A target's value in the latest version: the last amendment that changed it, else as issued. */
export function latestValue(
  target: { code: string; targetValue: number; targetMax: number | null },
  amendments: readonly {
    number: number;
    changes: readonly { code: string; targetValue: number; targetMax: number | null }[];
  }[],
): { targetValue: number; targetMax: number | null } {
  let value = { targetValue: target.targetValue, targetMax: target.targetMax };
  for (const amendment of [...amendments].sort((a, b) => a.number - b.number)) {
    const change = amendment.changes.find((c) => c.code === target.code);
    if (change) value = { targetValue: change.targetValue, targetMax: change.targetMax };
  }
  return value;
}
