/**
 * The expiry notice list (issue 12, point 6): the radar's certificates as rows an officer exports
 * (CSV with the notice date of the 148/QĐ-TTg re-evaluation window), and the list's URL state.
 */
import type { CsvCell } from '../export/csv';
import { isIsoDate, todayIso } from './plan-period';

/** Look-ahead choices; 90 is the API's default. */
export const EXPIRY_DAYS = [30, 60, 90, 180, 365] as const;
export const DEFAULT_EXPIRY_DAYS = 90;

export interface ExpiryState {
  asOf: string;
  days: number;
}

export function expiryStateFromQuery(
  query: Record<string, unknown>,
  today: string = todayIso(),
): ExpiryState {
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const asOf = first(query.asOf);
  const days = Number(first(query.days));
  return {
    asOf: isIsoDate(asOf) ? asOf : today,
    days: Number.isInteger(days) && days >= 1 && days <= 1100 ? days : DEFAULT_EXPIRY_DAYS,
  };
}

export interface ExpiryRowInput {
  productName: string;
  unitCode: string | null;
  issuingLevel: string;
  stars: number | null;
  issuedOn: string;
  validUntil: string;
  daysLeft: number;
  noticeBy: string;
  noticeDue: boolean;
}

export interface ExpiryCsvLabels {
  headers: {
    product: string;
    unit: string;
    level: string;
    stars: string;
    issuedOn: string;
    validUntil: string;
    daysLeft: string;
    noticeBy: string;
    window: string;
  };
  unitName: (code: string | null) => string;
  levelName: (level: string) => string;
  windowText: (due: boolean) => string;
}

/** Header row and one row per certificate, soonest expiry first; dates stay ISO for spreadsheets. */
export function expiryCsvRows(
  rows: readonly ExpiryRowInput[],
  labels: ExpiryCsvLabels,
): CsvCell[][] {
  const h = labels.headers;
  return [
    [
      h.product,
      h.unit,
      h.level,
      h.stars,
      h.issuedOn,
      h.validUntil,
      h.daysLeft,
      h.noticeBy,
      h.window,
    ],
    ...sortByExpiry(rows).map((r) => [
      r.productName,
      labels.unitName(r.unitCode),
      labels.levelName(r.issuingLevel),
      r.stars,
      r.issuedOn,
      r.validUntil,
      r.daysLeft,
      r.noticeBy,
      labels.windowText(r.noticeDue),
    ]),
  ];
}

export function sortByExpiry<R extends { validUntil: string; productName: string }>(
  rows: readonly R[],
): R[] {
  return [...rows].sort(
    (a, b) =>
      a.validUntil.localeCompare(b.validUntil) || a.productName.localeCompare(b.productName, 'vi'),
  );
}
