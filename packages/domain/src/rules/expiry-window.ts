/**
 * The re-evaluation window before a certificate expires (148/QĐ-TTg): the issuing body notifies
 * the entity at least 30 days before expiry, and the entity files its re-evaluation dossier
 * before the certificate lapses; products not re-evaluated lose the certificate.
 */
import { addDays, daysBetween, type IsoDate } from '../dates.js';
import { DEFAULT_EXPIRY_NOTICE_DAYS } from './certificate.js';

/** Default look-ahead of the expiry radar. */
export const DEFAULT_EXPIRY_RADAR_DAYS = 90;

export interface ReevaluationWindow {
  /** Last day the issuing body may send the expiry notice (validUntil − 30 days). */
  noticeBy: IsoDate;
  /** Last day of validity: the dossier must be in by then. */
  closesOn: IsoDate;
  /** Days from asOf to closesOn (0 = expires today). */
  daysLeft: number;
  /** True when asOf is on or after noticeBy: the notice is due or overdue. */
  noticeDue: boolean;
}

export function reevaluationWindow(validUntil: IsoDate, asOf: IsoDate): ReevaluationWindow {
  const noticeBy = addDays(validUntil, -DEFAULT_EXPIRY_NOTICE_DAYS);
  return {
    noticeBy,
    closesOn: validUntil,
    daysLeft: daysBetween(asOf, validUntil),
    noticeDue: asOf >= noticeBy,
  };
}
