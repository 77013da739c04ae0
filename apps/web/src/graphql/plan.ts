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
          noData
          yearOnlyRecords
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
  statusReason: string;
  noData: boolean;
  yearOnlyRecords: number;
  perUnit: UnitProgress[];
}

export interface PlanTarget {
  id: string;
  code: string;
  kind: TargetKind;
  labelVi: string;
  labelEn: string;
  definition: string;
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
