import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { PRODUCTS_QUERY, type ProductFilter, type ProductsVariables } from '../graphql/products';
import { useGraphQLQuery } from './useGraphQLQuery';

export const PRODUCTS_PAGE_SIZE = 20;

export interface ProductsQueryInput {
  filter: ProductFilter;
  after?: string | undefined;
  first?: number;
}

export function useProducts(input: MaybeRefOrGetter<ProductsQueryInput | null>) {
  const query = useGraphQLQuery(PRODUCTS_QUERY, () => {
    const value = toValue(input);
    if (!value) return null;
    const vars: ProductsVariables = {
      first: value.first ?? PRODUCTS_PAGE_SIZE,
      filter: value.filter,
    };
    if (value.after) vars.after = value.after;
    if (value.filter.asOf) vars.asOf = value.filter.asOf;
    return vars;
  });
  const products = computed(() => query.data.value?.products.edges.map((e) => e.node) ?? []);
  const totalCount = computed(() => query.data.value?.products.totalCount ?? 0);
  const pageInfo = computed(
    () => query.data.value?.products.pageInfo ?? { hasNextPage: false, endCursor: null },
  );
  return { ...query, products, totalCount, pageInfo };
}
