import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { DEPARTMENTS_QUERY, type DepartmentsResult, type DepartmentsVariables } from '../graphql/departments';
import { useGraphQLQuery } from './useGraphQLQuery';

export function useDepartments(year: MaybeRefOrGetter<number>, asOf: MaybeRefOrGetter<string | undefined>) {
  const query = useGraphQLQuery<DepartmentsResult, DepartmentsVariables>(DEPARTMENTS_QUERY, () => {
    const vars: DepartmentsVariables = { year: toValue(year) };
    const date = toValue(asOf);
    if (date) vars.asOf = date;
    return vars;
  });
  const departments = computed(() => query.data.value?.departments ?? []);
  return { ...query, departments };
}
