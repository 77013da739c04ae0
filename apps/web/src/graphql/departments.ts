import type { DepartmentDetailResult } from './responsibilities';

/** Activities of one kind in one month (`month` is "YYYY-MM"); sample rows are flagged. */
export type ActivityCount = NonNullable<
  DepartmentDetailResult['department']
>['activityCounts'][number];
