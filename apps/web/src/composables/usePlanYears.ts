import { computed } from 'vue';
import { PLAN_YEARS_QUERY } from '../graphql/plan';
import { yearOptions } from '../state/plan-period';
import { useGraphQLQuery } from './useGraphQLQuery';
import { DEFAULT_PLAN_YEAR } from './usePlanPeriod';

/**
 * The year selectors' options, built from the API's planYears (years with a plan or inside a
 * programme), and every plan's period. While loading or on error the list is the default year
 * (and `current`, the year shown), so a selector never offers years that may not exist.
 */
export function usePlanYears(current?: () => number | null) {
  const query = useGraphQLQuery(PLAN_YEARS_QUERY, () => ({}));
  const plans = computed(() => query.data.value?.plans ?? []);
  const years = computed(() =>
    yearOptions(query.data.value?.planYears ?? [DEFAULT_PLAN_YEAR], current?.() ?? null),
  );
  return { ...query, years, plans };
}
