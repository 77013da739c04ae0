import { graphql, type ResultOf } from './tada';

export const DEPARTMENTS_QUERY = graphql(`
  query Departments($year: Int) {
    departments {
      id
      code
      nameVi
      nameEn
      roleVi
      roleEn
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
        }
      }
      activityCounts(year: $year) {
        kind
        month
        count
        sample
      }
    }
  }
`);

export type DepartmentsResult = ResultOf<typeof DEPARTMENTS_QUERY>;
export type Department = DepartmentsResult['departments'][number];
/** `month` is "YYYY-MM". */
export type ActivityCount = Department['activityCounts'][number];
