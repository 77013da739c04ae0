import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { REFERENCE_QUERY } from '../graphql/products';
import { useGraphQLQuery } from './useGraphQLQuery';

/** Administrative units valid on a date and product groups: the options of filter menus. */
export function useReferenceData(onDate: MaybeRefOrGetter<string | undefined>) {
  const query = useGraphQLQuery(REFERENCE_QUERY, () => {
    const date = toValue(onDate);
    return date ? { onDate: date } : {};
  });
  const units = computed(() =>
    (query.data.value?.adminUnits ?? []).filter(
      (u) => u.type !== 'PROVINCE' && u.type !== 'COMMUNE',
    ),
  );
  const groups = computed(() => query.data.value?.productGroups ?? []);
  return { ...query, units, groups };
}
