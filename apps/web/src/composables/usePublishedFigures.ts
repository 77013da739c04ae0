import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import {
  PUBLISHED_FIGURES_QUERY,
  type PublishedFiguresResult,
  type PublishedFiguresVariables,
} from '../graphql/published-figures';
import { useGraphQLQuery } from './useGraphQLQuery';

export function usePublishedFigures(metricPrefix: MaybeRefOrGetter<string | undefined> = undefined) {
  const query = useGraphQLQuery<PublishedFiguresResult, PublishedFiguresVariables>(PUBLISHED_FIGURES_QUERY, () => {
    const prefix = toValue(metricPrefix);
    return prefix ? { metricPrefix: prefix } : {};
  });
  const figures = computed(() => query.data.value?.publishedFigures ?? []);
  return { ...query, figures };
}
