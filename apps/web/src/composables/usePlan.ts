import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { PLAN_QUERY, type PlanVariables } from '../graphql/plan';
import { useGraphQLQuery } from './useGraphQLQuery';

export function usePlan(
  year: MaybeRefOrGetter<number>,
  asOf: MaybeRefOrGetter<string | undefined>,
) {
  const query = useGraphQLQuery(PLAN_QUERY, () => {
    const vars: PlanVariables = { year: toValue(year) };
    const date = toValue(asOf);
    if (date) vars.asOf = date;
    return vars;
  });
  const plan = computed(() => query.data.value?.plan ?? null);
  return { ...query, plan };
}
