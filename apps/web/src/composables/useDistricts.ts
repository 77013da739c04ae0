import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { DISTRICTS_QUERY, type DistrictsVariables } from '../graphql/districts';
import { useGraphQLQuery } from './useGraphQLQuery';

export function useDistricts(
  planYear: MaybeRefOrGetter<number>,
  asOf: MaybeRefOrGetter<string | undefined>,
) {
  const query = useGraphQLQuery(DISTRICTS_QUERY, () => {
    const vars: DistrictsVariables = { planYear: toValue(planYear) };
    const date = toValue(asOf);
    if (date) vars.asOf = date;
    return vars;
  });
  const districts = computed(() => query.data.value?.districts ?? []);
  return { ...query, districts };
}
