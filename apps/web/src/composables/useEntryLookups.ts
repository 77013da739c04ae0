import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { requestGraphQL } from '../graphql/client';
import {
  DEPARTMENT_ACTIVITY_KINDS_QUERY,
  DEPARTMENT_LIST_QUERY,
  PICKER_ENTITIES_QUERY,
  PICKER_PRODUCTS_QUERY,
} from '../graphql/entry-lookups';
import type { PickerOption } from '../components/entry/picker-option';
import { useGraphQLQuery } from './useGraphQLQuery';

/** Product search for pickers (diacritics optional, first 10), optionally within one district-level unit. */
export async function searchProducts(search: string, unitCode?: string): Promise<PickerOption[]> {
  const data = await requestGraphQL(PICKER_PRODUCTS_QUERY, { search, unitCode });
  return data.products.edges.map(({ node }) => ({
    id: node.id,
    label: node.name,
    detail: [node.entity?.name, node.unit?.name].filter(Boolean).join(' · '),
    ...(node.unit ? { unitCode: node.unit.code } : {}),
  }));
}

/** Entity search for pickers: the API finds entities through their products' names, communes and entity names. */
export async function searchEntities(search: string): Promise<PickerOption[]> {
  const data = await requestGraphQL(PICKER_ENTITIES_QUERY, { search });
  return data.entities.edges.map(({ node }) => ({
    id: node.id,
    label: node.name,
    detail: [node.commune, node.unit?.name].filter(Boolean).join(' · '),
    ...(node.unit ? { unitCode: node.unit.code } : {}),
  }));
}

export function useDepartmentList(enabled: MaybeRefOrGetter<boolean>) {
  return useGraphQLQuery(DEPARTMENT_LIST_QUERY, () => (toValue(enabled) ? {} : null));
}

/** Activity kinds of a department: the union of its tasks' activityKinds, in first-seen order. */
export function useActivityKinds(code: MaybeRefOrGetter<string>) {
  const query = useGraphQLQuery(DEPARTMENT_ACTIVITY_KINDS_QUERY, () => {
    const value = toValue(code);
    return value ? { code: value } : null;
  });
  const kinds = computed(() => [
    ...new Set((query.data.value?.department?.tasks ?? []).flatMap((task) => task.activityKinds)),
  ]);
  return { ...query, kinds };
}
