import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { DEPARTMENTS_QUERY } from '../graphql/departments';
import { useGraphQLQuery } from './useGraphQLQuery';

export function useDepartments(year: MaybeRefOrGetter<number>) {
  const query = useGraphQLQuery(DEPARTMENTS_QUERY, () => ({ year: toValue(year) }));
  const departments = computed(() => query.data.value?.departments ?? []);
  return { ...query, departments };
}
