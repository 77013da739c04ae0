import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { STATS_QUERY, type StatsVariables } from '../graphql/stats';
import { useGraphQLQuery } from './useGraphQLQuery';

export function useStats(variables: MaybeRefOrGetter<StatsVariables>) {
  const query = useGraphQLQuery(STATS_QUERY, () => toValue(variables));
  const stats = computed(() => query.data.value?.stats ?? null);
  return { ...query, stats };
}
