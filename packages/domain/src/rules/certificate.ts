/** Certificate validity, status on a date, and a product's star history. */
import {
  addMonths,
  compareIso,
  daysBetween,
  parseIsoDate,
  type FactDate,
  type IsoDate,
} from '../dates.js';
import { DomainError } from '../errors.js';
import { resolveRuleSet, type RuleSet, type RuleSetCode } from './rule-sets.js';

/** 1048, 148 and 1489 all give certificates 36 months. */
export const CERTIFICATE_VALIDITY_MONTHS = 36;

/** 148/QĐ-TTg: the issuer notifies the entity at least 30 days before expiry. */
export const DEFAULT_EXPIRY_NOTICE_DAYS = 30;

/** Statuses of a certificate on an as-of date; the first three are "in force". */
export const CERTIFICATE_STATUSES = [
  'valid',
  'expiring',
  'possibly_expired',
  'expired',
  'revoked',
  'superseded',
] as const;

/** Status of a certificate on an as-of date. */
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** True for the statuses of a certificate in force on the as-of date ({@link certificateInForce}). */
export const isInForceStatus = (status: CertificateStatus): boolean =>
  status === 'valid' || status === 'expiring' || status === 'possibly_expired';

/** What {@link certificateStatus} needs to know about one certificate. */
export interface CertificateDates {
  issuedOn: IsoDate | FactDate;
  validUntil: IsoDate;
  revokedOn?: IsoDate | null;
  /** Date of a later decision (re-recognition or upgrade) that replaced this certificate. */
  supersededOn?: IsoDate | null;
}

function toIso(date: IsoDate | FactDate): IsoDate {
  return parseIsoDate(typeof date === 'string' ? date : date.date);
}

/**
 * Last day a certificate is valid: the decision date plus 36 months, valid THROUGH that
 * anniversary. 1048/148 say "36 tháng kể từ ngày Quyết định công nhận"; the Civil Code 2015
 * counts such periods from the next day (art. 147(2)) and ends a month-period "tại thời điểm kết
 * thúc ngày tương ứng của tháng cuối cùng", or the month's last day when it has no such day
 * (art. 148(1)). So 2021-04-22 → 2024-04-22 inclusive; 2020-02-29 → 2023-02-28.
 * The weekend/holiday extension of art. 148(2) is not applied: a certificate is a status, not a
 * deadline to act on. A year-only decision date (stored as 31 Dec) gives the latest possible end.
 */
export function certificateValidUntil(
  decisionDate: IsoDate | FactDate,
  ruleSet?: RuleSet | RuleSetCode,
): IsoDate {
  const months = ruleSet
    ? resolveRuleSet(ruleSet).certificateValidityMonths
    : CERTIFICATE_VALIDITY_MONTHS;
  return addMonths(toIso(decisionDate), months);
}

/**
 * Earliest possible last day of a certificate whose decision date is known only by its year or
 * month: 36 months from the first day that period allows (a 2021 decision stored at 22/4/2021 or at
 * 31/12/2021 may have been issued on 1/1/2021). Equals {@link certificateValidUntil} for a day.
 */
export function certificateEarliestValidUntil(
  decisionDate: IsoDate | FactDate,
  ruleSet?: RuleSet | RuleSetCode,
): IsoDate {
  if (typeof decisionDate === 'string' || decisionDate.precision === 'day')
    return certificateValidUntil(decisionDate, ruleSet);
  const iso = toIso(decisionDate);
  const first =
    decisionDate.precision === 'year' ? `${iso.slice(0, 4)}-01-01` : `${iso.slice(0, 7)}-01`;
  return certificateValidUntil(first, ruleSet);
}

/** A day of a certificate that bounds the period it is in force. */
export type CertificateDay = 'issuedOn' | 'validUntil' | 'revokedOn' | 'supersededOn';

/**
 * One condition of "in force on D": `certificate[day] <relation> D`. A null day (not revoked, not
 * superseded) satisfies the condition when `nullHolds`. `otherwise` is the status a certificate
 * has on D when this condition is the first one that fails ('not_issued': it did not exist yet).
 */
export interface InForceBound {
  readonly day: CertificateDay;
  readonly relation: '<=' | '>' | '>=';
  readonly nullHolds: boolean;
  readonly otherwise: Exclude<CertificateStatus, 'valid' | 'expiring'> | 'not_issued';
}

/**
 * "In force on D" as data, in the order {@link certificateStatus} checks them: issued on or before
 * D; not revoked on or before D; not superseded on or before D; valid through D (inclusive, see
 * {@link certificateValidUntil}). The domain evaluates these in {@link certificateInForce} and the
 * API builds its SQL predicate from the same list (apps/api/src/modules/certificates/
 * certificate.service.ts), so the two forms cannot drift apart.
 */
export const IN_FORCE_BOUNDS: readonly InForceBound[] = Object.freeze([
  { day: 'issuedOn', relation: '<=', nullHolds: false, otherwise: 'not_issued' },
  { day: 'revokedOn', relation: '>', nullHolds: true, otherwise: 'revoked' },
  { day: 'supersededOn', relation: '>', nullHolds: true, otherwise: 'superseded' },
  { day: 'validUntil', relation: '>=', nullHolds: false, otherwise: 'expired' },
] as const);

function boundHolds(bound: InForceBound, certificate: CertificateDates, asOf: IsoDate): boolean {
  const value = certificate[bound.day];
  if (value === null || value === undefined) return bound.nullHolds;
  const order = compareIso(toIso(value), asOf);
  if (bound.relation === '<=') return order <= 0;
  if (bound.relation === '>') return order > 0;
  return order >= 0;
}

/** The first bound of {@link IN_FORCE_BOUNDS} the certificate fails on `asOf`, or null. */
function failedBound(certificate: CertificateDates, asOf: IsoDate): InForceBound | null {
  parseIsoDate(asOf);
  return IN_FORCE_BOUNDS.find((bound) => !boundHolds(bound, certificate, asOf)) ?? null;
}

/** True when the certificate is in force on `asOf` (valid or expiring): every bound holds. */
export function certificateInForce(certificate: CertificateDates, asOf: IsoDate): boolean {
  return failedBound(certificate, asOf) === null;
}

/**
 * Status on `asOf`, by the first failing bound of {@link IN_FORCE_BOUNDS}: revoked (on/after
 * `revokedOn`), superseded (on/after `supersededOn`), expired (after `validUntil`); in force, it is
 * possibly expired when the decision date is known only by year or month and `asOf` is past the
 * earliest possible end ({@link certificateEarliestValidUntil}), else expiring (148: within
 * `noticeDays` before `validUntil`, inclusive: 30 days left is expiring),
 * else valid. `noticeDays` defaults to 30; pass null for 1048-era certificates, which had no
 * notice window. Throws AS_OF_BEFORE_ISSUE when asked before the certificate exists.
 */
export function certificateStatus(
  certificate: CertificateDates,
  asOf: IsoDate,
  options: { noticeDays?: number | null } = {},
): CertificateStatus {
  const failed = failedBound(certificate, asOf);
  if (failed?.otherwise === 'not_issued') {
    const issuedOn = toIso(certificate.issuedOn);
    throw new DomainError(
      'AS_OF_BEFORE_ISSUE',
      `No certificate exists on ${asOf}: it was issued on ${issuedOn}`,
      {
        asOf,
        issuedOn,
      },
    );
  }
  if (failed) return failed.otherwise;
  // Counted in force through the latest possible end, but a reader must know it may have lapsed.
  if (compareIso(asOf, certificateEarliestValidUntil(certificate.issuedOn)) > 0)
    return 'possibly_expired';
  const daysLeft = daysBetween(asOf, parseIsoDate(certificate.validUntil));
  const noticeDays =
    options.noticeDays === undefined ? DEFAULT_EXPIRY_NOTICE_DAYS : options.noticeDays;
  if (noticeDays !== null && daysLeft <= noticeDays) return 'expiring';
  return 'valid';
}

/** What {@link supersessionDays} needs to know about one certificate of a product. */
export interface CertificateInHistory {
  issuedOn: IsoDate | FactDate;
  revokedOn?: IsoDate | null;
}

/**
 * The day each certificate of ONE product is superseded, given its certificates in record order
 * (oldest record first; a new certificate is appended last). A recognition replaces the
 * certificate in force on its date, so each certificate is superseded on the issue day of the next
 * one in (issue day, record order): a later decision, or a second decision of the same day, which
 * is the later record (`<=`, not `<`: two certificates of one day never stay in force together).
 * The last one stays open (null), and so does one revoked on or before the next issue day (it
 * ended by revocation). Backdated certificates fall into place: a 2021 decision recorded after a
 * 2022 one is superseded on the 2022 day. Returns the days in the input order.
 */
export function supersessionDays(
  certificates: readonly CertificateInHistory[],
): (IsoDate | null)[] {
  const order = certificates
    .map((certificate, index) => ({ issuedOn: toIso(certificate.issuedOn), index }))
    .sort((a, b) => compareIso(a.issuedOn, b.issuedOn) || a.index - b.index);
  const days: (IsoDate | null)[] = certificates.map(() => null);
  order.forEach(({ index }, position) => {
    const next = order[position + 1];
    if (!next) return;
    const revokedOn = certificates[index]!.revokedOn;
    if (revokedOn && compareIso(revokedOn, next.issuedOn) <= 0) return;
    days[index] = next.issuedOn;
  });
  return days;
}

/** One recognition or revocation decision about one product. */
export interface StarDecision {
  id: string;
  date: FactDate;
  /** null = OCOP status confirmed but the star class is not known. */
  stars: number | null;
  action: 'recognise' | 'revoke';
}

/** How a decision changed the product's stars relative to the one in force before it. */
export type StarChange =
  | 'new'
  | 'upgrade'
  | 'downgrade'
  | 'same'
  | 'revoked'
  | 'unknown'
  /** Recognised again after the previous certificate had expired (nothing was in force). */
  | 'renewed_after_expiry';

/** One row of a star history. */
export interface StarHistoryEntry {
  decisionId: string;
  date: FactDate;
  action: 'recognise' | 'revoke';
  stars: number | null;
  /** Stars in force just before this decision (null if none or unknown). */
  previousStars: number | null;
  change: StarChange;
}

/**
 * Orders a product's decisions by date (ties keep input order) and labels each one
 * (an upgrade is a later decision with more stars than the one in force):
 * first recognition, or the first after a revocation → 'new'; a revocation → 'revoked';
 * a recognition dated after the previous certificate's validity ended (36 months, counted from
 * its latest possible date, so a year-only one is surely expired) → 'renewed_after_expiry'
 * ("công nhận lại sau khi hết hạn", not a continuation); otherwise compare with the stars in
 * force → 'upgrade'/'downgrade'/'same', or 'unknown' when either side's stars are not known.
 */
export function starHistory(decisions: readonly StarDecision[]): StarHistoryEntry[] {
  // Each date is validated once; valid ISO days then order correctly as plain strings.
  const ordered = decisions
    .map((decision, index) => {
      parseIsoDate(decision.date.date);
      return { decision, index };
    })
    .sort((a, b) =>
      a.decision.date.date < b.decision.date.date
        ? -1
        : a.decision.date.date > b.decision.date.date
          ? 1
          : a.index - b.index,
    );

  let inForce = false;
  let current: number | null = null;
  let validUntil: IsoDate | null = null;
  return ordered.map(({ decision }) => {
    const expired = inForce && validUntil !== null && decision.date.date > validUntil;
    const previousStars = inForce ? current : null;
    let change: StarChange;
    if (decision.action === 'revoke') {
      change = 'revoked';
      inForce = false;
      current = null;
    } else {
      if (expired) change = 'renewed_after_expiry';
      else if (!inForce) change = 'new';
      else if (decision.stars === null || current === null) change = 'unknown';
      else if (decision.stars > current) change = 'upgrade';
      else if (decision.stars < current) change = 'downgrade';
      else change = 'same';
      inForce = true;
      current = decision.stars;
      validUntil = certificateValidUntil(decision.date);
    }
    return {
      decisionId: decision.id,
      date: decision.date,
      action: decision.action,
      stars: decision.stars,
      previousStars,
      change,
    };
  });
}
