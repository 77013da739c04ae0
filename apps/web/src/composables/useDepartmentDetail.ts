import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import type { PlanSummary } from '../graphql/plan';
import {
  DEPARTMENT_DETAIL_QUERY,
  type DepartmentDetailVariables,
} from '../graphql/responsibilities';
import { planSelection } from './usePlan';
import { useGraphQLQuery } from './useGraphQLQuery';

/** A body's recorded activities shown at most (the newest first); the page says how many more. */
export const ACTIVITY_LIST_SIZE = 50;

/** One request for a body's page: the body, its tasks in the plan, its activities of the year. */
export function useDepartmentDetail(
  code: MaybeRefOrGetter<string>,
  year: MaybeRefOrGetter<number>,
  asOf: MaybeRefOrGetter<string | undefined>,
  planId: MaybeRefOrGetter<string | null>,
  plans: MaybeRefOrGetter<readonly PlanSummary[] | null>,
) {
  const query = useGraphQLQuery(DEPARTMENT_DETAIL_QUERY, () => {
    const y = toValue(year);
    const list = toValue(plans);
    const selection = planSelection(y, toValue(planId), list?.length ? list : null);
    const vars: DepartmentDetailVariables = {
      code: toValue(code),
      year: y,
      from: `${y}-01-01`,
      to: `${y}-12-31`,
      first: ACTIVITY_LIST_SIZE,
      ...('id' in selection ? { planId: selection.id } : { planYear: selection.year }),
    };
    const date = toValue(asOf);
    if (date) vars.asOf = date;
    return vars;
  });
  const department = computed(() => query.data.value?.department ?? null);
  const plan = computed(() => query.data.value?.plan ?? null);
  const rows = computed(() => plan.value?.responsibilities ?? []);
  const activities = computed(() => query.data.value?.activities.edges.map((e) => e.node) ?? []);
  const totalActivities = computed(() => query.data.value?.activities.totalCount ?? 0);
  return { ...query, department, plan, rows, activities, totalActivities };
}
