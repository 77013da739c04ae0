import { graphql, type ResultOf, type VariablesOf } from './tada';

/**
 * One row of the responsibility matrix: the task, its body, its linked targets' status and its
 * activity counts. The /departments matrix and a body's page select the same row.
 */
export const RESPONSIBILITY_FRAGMENT = graphql(`
  fragment ResponsibilityFields on TaskResponsibility {
    task {
      id
      code
      role
      status
      summaryVi
      summaryEn
    }
    department {
      id
      code
      nameVi
      nameEn
    }
    linkedTargets {
      id
      code
      labelVi
      labelEn
      progress {
        status
      }
    }
    recordedActivities
    sampleActivities
  }
`);

/** One row per task of a plan: body, role, status, linked targets' status, activity counts. */
export const RESPONSIBILITIES_QUERY = graphql(
  `
    query Responsibilities($year: Int, $id: ID, $asOf: Date) {
      plan(year: $year, id: $id) {
        id
        year
        code
        title
        programme
        responsibilities(asOf: $asOf) {
          ...ResponsibilityFields
        }
      }
    }
  `,
  [RESPONSIBILITY_FRAGMENT],
);

export type ResponsibilitiesVariables = VariablesOf<typeof RESPONSIBILITIES_QUERY>;
export type ResponsibilityPlan = NonNullable<ResultOf<typeof RESPONSIBILITIES_QUERY>['plan']>;
export type Responsibility = ResponsibilityPlan['responsibilities'][number];

/**
 * A body's page: its role, its tasks in the plan (the matrix rows of that body), its activities
 * by kind and month in the year (the chart) and its recorded activities (the list), in one request.
 */
export const DEPARTMENT_DETAIL_QUERY = graphql(
  `
    query DepartmentDetail(
      $code: String!
      $year: Int!
      $planYear: Int
      $planId: ID
      $asOf: Date
      $from: Date
      $to: Date
      $first: Int
    ) {
      department(code: $code) {
        id
        code
        nameVi
        nameEn
        roleVi
        roleEn
        isSampleDataIncluded
        activityCounts(year: $year) {
          kind
          month
          count
          sample
        }
      }
      plan(year: $planYear, id: $planId) {
        id
        code
        title
        responsibilities(asOf: $asOf, departmentCode: $code) {
          ...ResponsibilityFields
        }
      }
      activities(
        filter: { departmentCode: $code, from: $from, to: $to }
        first: $first
        sort: { by: DATE, direction: DESC }
      ) {
        totalCount
        edges {
          node {
            id
            kind
            date
            count
            note
            unit {
              id
              name
            }
          }
        }
      }
    }
  `,
  [RESPONSIBILITY_FRAGMENT],
);

export type DepartmentDetailVariables = VariablesOf<typeof DEPARTMENT_DETAIL_QUERY>;
export type DepartmentDetailResult = ResultOf<typeof DEPARTMENT_DETAIL_QUERY>;
export type RecordedActivity = DepartmentDetailResult['activities']['edges'][number]['node'];
