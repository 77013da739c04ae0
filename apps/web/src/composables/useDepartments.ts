import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { DEPARTMENTS_QUERY, type DepartmentsResult, type DepartmentsVariables } from '../graphql/departments';
import { useGraphQLQuery } from './useGraphQLQuery';

export function useDepartments(year: MaybeRefOrGetter<number>) {
  const query = useGraphQLQuery<DepartmentsResult, DepartmentsVariables>(DEPARTMENTS_QUERY, () => ({ year: toValue(year) }));
  const departments = computed(() => query.data.value?.departments ?? []);
  return { ...query, departments };
}
