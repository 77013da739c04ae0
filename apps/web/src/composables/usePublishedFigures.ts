import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { PUBLISHED_FIGURES_QUERY } from '../graphql/published-figures';
import { useGraphQLQuery } from './useGraphQLQuery';

export function usePublishedFigures(
  metricPrefix: MaybeRefOrGetter<string | undefined> = undefined,
) {
  const query = useGraphQLQuery(PUBLISHED_FIGURES_QUERY, () => {
    const prefix = toValue(metricPrefix);
    return prefix ? { metricPrefix: prefix } : {};
  });
  const figures = computed(() => query.data.value?.publishedFigures ?? []);
  return { ...query, figures };
}
