/**
 * Plan versions: a plan as issued is version 1; each amendment (a later decision changing target
 * values) is the next version from its effective day. A figure on an as-of day is judged against
 * the version in force on that day, so a target raised in June does not rewrite May's status.
 */
import { compareIso, type IsoDate } from '../dates.js';

/** One target value an amendment sets. */
export interface TargetValueChange {
  code: string;
  targetValue: number;
  targetMax: number | null;
}

/** An amendment: version `number` (≥ 2), in force from `effectiveFrom`. */
export interface PlanAmendmentFact {
  number: number;
  effectiveFrom: IsoDate;
  changes: readonly TargetValueChange[];
}

/** A target's value in one version. */
export interface TargetValueInForce {
  targetValue: number;
  targetMax: number | null;
  /** 1 = as issued; otherwise the amendment that set the value. */
  version: number;
}

/** The version number of the plan in force on `asOf` (1 when no amendment has taken effect). */
export function planVersionOn(amendments: readonly PlanAmendmentFact[], asOf: IsoDate): number {
  return amendments
    .filter((a) => compareIso(a.effectiveFrom, asOf) <= 0)
    .reduce((latest, a) => Math.max(latest, a.number), 1);
}

/**
 * The value of target `code` in force on `asOf`: the one set by the highest-numbered amendment
 * in force that changes it, else the value as issued.
 */
export function targetValueOn(
  code: string,
  issued: { targetValue: number; targetMax: number | null },
  amendments: readonly PlanAmendmentFact[],
  asOf: IsoDate,
): TargetValueInForce {
  let result: TargetValueInForce = { ...issued, version: 1 };
  const inForce = amendments
    .filter((a) => compareIso(a.effectiveFrom, asOf) <= 0)
    .sort((a, b) => a.number - b.number);
  for (const amendment of inForce) {
    const change = amendment.changes.find((c) => c.code === code);
    if (change)
      result = {
        targetValue: change.targetValue,
        targetMax: change.targetMax,
        version: amendment.number,
      };
  }
  return result;
}
