import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { PRODUCT_QUERY, type ProductVariables } from '../graphql/product';
import { useGraphQLQuery } from './useGraphQLQuery';

export function useProduct(
  id: MaybeRefOrGetter<string>,
  asOf: MaybeRefOrGetter<string | undefined>,
) {
  const query = useGraphQLQuery(PRODUCT_QUERY, () => {
    const vars: ProductVariables = { id: toValue(id) };
    const date = toValue(asOf);
    if (date) vars.asOf = date;
    return vars;
  });
  const product = computed(() => query.data.value?.product ?? null);
  return { ...query, product };
}
