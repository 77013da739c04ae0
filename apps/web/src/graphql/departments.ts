import type { DateString, TargetStatus, TaskRole } from './types';

export const DEPARTMENTS_QUERY = /* GraphQL */ `
  query Departments($year: Int, $asOf: Date) {
    departments {
      id
      code
      nameVi
      nameEn
      role
      isSampleDataIncluded
      tasks {
        id
        code
        role
        summaryVi
        summaryEn
        activityKinds
        linkedTargets {
          id
          code
          labelVi
          labelEn
          progress(asOf: $asOf) { status statusReason }
        }
      }
      activityCounts(year: $year) { kind month count sample }
    }
  }
`;

export interface DepartmentsVariables {
  year?: number;
  asOf?: DateString;
}

export interface ActivityCount {
  kind: string;
  /** "YYYY-MM" */
  month: string;
  count: number;
  sample: boolean;
}

export interface LinkedTarget {
  id: string;
  code: string;
  labelVi: string;
  labelEn: string;
  progress: { status: TargetStatus; statusReason: string };
}

export interface DepartmentTask {
  id: string;
  code: string;
  role: TaskRole;
  summaryVi: string;
  summaryEn: string;
  activityKinds: string[];
  linkedTargets: LinkedTarget[];
}

export interface Department {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  role: string;
  isSampleDataIncluded: boolean;
  tasks: DepartmentTask[];
  activityCounts: ActivityCount[];
}

export interface DepartmentsResult {
  departments: Department[];
}
