import { computed } from 'vue';
import { PLAN_YEARS_QUERY } from '../graphql/plan';
import { useGraphQLQuery } from './useGraphQLQuery';
import { DEFAULT_PLAN_YEAR } from './usePlanPeriod';

/** Years that have a plan; falls back to the default year while loading or on error. */
export function usePlanYears() {
  const query = useGraphQLQuery(PLAN_YEARS_QUERY, () => ({}));
  const years = computed(() => {
    const list = (query.data.value?.plans ?? []).map((p) => p.year);
    if (!list.includes(DEFAULT_PLAN_YEAR)) list.push(DEFAULT_PLAN_YEAR);
    return [...new Set(list)].sort((a, b) => a - b);
  });
  return { ...query, years };
}
