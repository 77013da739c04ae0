import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import type { PlanSummary } from '../graphql/plan';
import {
  RESPONSIBILITIES_QUERY,
  type ResponsibilitiesVariables,
} from '../graphql/responsibilities';
import { planSelection } from './usePlan';
import { useGraphQLQuery } from './useGraphQLQuery';

/** The responsibility matrix of the plan a page shows (the same plan choice as the overview). */
export function useResponsibilities(
  year: MaybeRefOrGetter<number>,
  asOf: MaybeRefOrGetter<string | undefined>,
  planId: MaybeRefOrGetter<string | null>,
  plans: MaybeRefOrGetter<readonly PlanSummary[] | null>,
) {
  const query = useGraphQLQuery(RESPONSIBILITIES_QUERY, () => {
    const list = toValue(plans);
    const vars: ResponsibilitiesVariables = {
      ...planSelection(toValue(year), toValue(planId), list?.length ? list : null),
    };
    const date = toValue(asOf);
    if (date) vars.asOf = date;
    return vars;
  });
  const plan = computed(() => query.data.value?.plan ?? null);
  const rows = computed(() => plan.value?.responsibilities ?? []);
  return { ...query, plan, rows };
}
