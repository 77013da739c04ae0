import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { ENTITIES_QUERY, type ProductFilter } from '../graphql/products';
import { useGraphQLQuery } from './useGraphQLQuery';

export function useEntities(filter: MaybeRefOrGetter<ProductFilter | null>, first = 100) {
  const query = useGraphQLQuery(ENTITIES_QUERY, () => {
    const value = toValue(filter);
    return value ? { first, filter: value } : null;
  });
  const entities = computed(() => query.data.value?.entities.edges.map((e) => e.node) ?? []);
  const totalCount = computed(() => query.data.value?.entities.totalCount ?? 0);
  return { ...query, entities, totalCount };
}
