import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { STATS_QUERY, type StatsResult, type StatsVariables } from '../graphql/stats';
import { useGraphQLQuery } from './useGraphQLQuery';

export function useStats(variables: MaybeRefOrGetter<StatsVariables>) {
  const query = useGraphQLQuery<StatsResult, StatsVariables>(STATS_QUERY, () => toValue(variables));
  const stats = computed(() => query.data.value?.stats ?? null);
  return { ...query, stats };
}
