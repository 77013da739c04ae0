import type { PlanTarget as DomainPlanTarget } from '@ocop/domain';
import type { DateString, TargetKind, TargetStatus } from './types';

export const PLAN_QUERY = /* GraphQL */ `
  query Plan($year: Int!, $asOf: Date) {
    plan(year: $year) {
      id
      year
      code
      title
      issuedOn
      periodStart
      periodEnd
      targets(asOf: $asOf) {
        id
        code
        kind
        labelVi
        labelEn
        definition
        definitionVi
        targetValue
        targetMax
        unitLabel
        owner { id code nameVi nameEn }
        progress(asOf: $asOf) {
          asOf
          actual
          numerator
          denominator
          target
          targetMax
          ratio
          met
          aboveUpperBound
          status
          statusRule
          statusReason
          statusReasonCode
          statusReasonParams { name number date }
          noData
          yearOnlyRecords
          sampleRecords
          perUnit { unit { id code name } value met }
        }
      }
    }
  }
`;

export interface PlanVariables {
  year: number;
  asOf?: DateString;
}

export interface UnitProgress {
  unit: { id: string; code: string; name: string };
  value: number;
  met: boolean;
}

/** Which sentence of the status rule explains the status (API enum StatusReasonCode). */
export type StatusReasonCode =
  | 'BEFORE_PERIOD'
  | 'ACHIEVED'
  | 'ACHIEVED_ABOVE_RANGE'
  | 'PERIOD_ENDED_UNMET'
  | 'NO_DATA'
  | 'SHARE_WITHIN_MARGIN'
  | 'SHARE_SHORT'
  | 'SHARE_FAR_SHORT'
  | 'PACE_AHEAD'
  | 'PACE_BEHIND'
  | 'PACE_FAR_BEHIND';

/** One number or date of a status reason; exactly one of number and date is set. */
export interface StatusReasonParam {
  name: string;
  number: number | null;
  date: DateString | null;
}

export interface TargetProgress {
  asOf: DateString;
  actual: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number;
  targetMax: number | null;
  ratio: number | null;
  met: boolean;
  /** count_between reached above its upper bound (still achieved; flagged for review). */
  aboveUpperBound: boolean;
  status: TargetStatus;
  statusRule: string;
  /** English; the web says the reason from statusReasonCode + statusReasonParams. */
  statusReason: string;
  statusReasonCode: StatusReasonCode | null;
  statusReasonParams: StatusReasonParam[];
  noData: boolean;
  yearOnlyRecords: number;
  /** Sample (fabricated demo) activities the figure rests on. */
  sampleRecords: number;
  perUnit: UnitProgress[];
}

/** The domain's target as the API sends it: labels and definitions as in the domain, the rest in GraphQL form. */
export interface PlanTarget extends Pick<DomainPlanTarget, 'code' | 'labelVi' | 'labelEn' | 'definition' | 'definitionVi'> {
  id: string;
  /** The GraphQL enum (upper case), not the domain's lower-case kind. */
  kind: TargetKind;
  targetValue: number;
  targetMax: number | null;
  unitLabel: string;
  owner: { id: string; code: string; nameVi: string; nameEn: string } | null;
  progress: TargetProgress;
}

export interface Plan {
  id: string;
  year: number;
  code: string;
  title: string;
  issuedOn: DateString;
  periodStart: DateString;
  periodEnd: DateString;
  targets: PlanTarget[];
}

export interface PlanResult {
  plan: Plan | null;
}

export const PLAN_YEARS_QUERY = /* GraphQL */ `
  query PlanYears {
    plans { id year code }
  }
`;

export interface PlanYearsResult {
  plans: { id: string; year: number; code: string }[];
}
