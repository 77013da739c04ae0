import type { TaskRole } from './types';

export const DEPARTMENTS_QUERY = /* GraphQL */ `
  query Departments($year: Int) {
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
        linkedTargets { id code }
      }
      activityCounts(year: $year) { kind month count sample }
    }
  }
`;

export interface DepartmentsVariables {
  year?: number;
}

export interface ActivityCount {
  kind: string;
  /** "YYYY-MM" */
  month: string;
  count: number;
  sample: boolean;
}

/** Only the code: labels and status come from the plan query, so they are computed once and
 * the departments query stays under the API's cost limit. */
export interface LinkedTarget {
  id: string;
  code: string;
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
