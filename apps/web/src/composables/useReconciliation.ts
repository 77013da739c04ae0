import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { RECONCILIATION_QUERY } from '../graphql/reconciliation';
import type { CertifiedBasis, StatsMeasure } from '../graphql/types';
import { useGraphQLQuery } from './useGraphQLQuery';

/** The API's reconciliation of a computed figure with the published one (same measure, basis, day). */
export function useReconciliation(
  variables: MaybeRefOrGetter<{ measure: StatsMeasure; basis: CertifiedBasis; asOf: string }>,
) {
  const query = useGraphQLQuery(RECONCILIATION_QUERY, () => toValue(variables));
  const reconciliation = computed(() => query.data.value?.reconciliation ?? null);
  return { ...query, reconciliation };
}
