import { onScopeDispose, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { requestGraphQL, RequestError } from '../graphql/client';
import type { TadaDocumentNode } from '../graphql/tada';

export interface QueryState<T> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  error: ShallowRef<RequestError | null>;
  retry: () => Promise<void>;
}

/**
 * Runs `query` (a typed document: its result and variable types come from the schema) whenever
 * the variables getter's result changes; `null` variables mean "don't run".
 * A newer request aborts the older one, so a slow response never overwrites a fresh one.
 */
export function useGraphQLQuery<TResult, TVariables extends object>(
  query: TadaDocumentNode<TResult, TVariables>,
  variables: () => TVariables | null,
): QueryState<TResult> {
  const data = shallowRef<TResult | null>(null);
  const loading = ref(false);
  const error = shallowRef<RequestError | null>(null);
  let controller: AbortController | null = null;
  let lastKey: string | null = null;

  async function run(vars: TVariables | null, force = false): Promise<void> {
    // Unrelated URL changes (e.g. the language) re-run the getter; identical variables are not refetched.
    const key = vars === null ? null : JSON.stringify(vars);
    if (!force && key !== null && key === lastKey && (data.value !== null || loading.value)) return;
    lastKey = key;
    controller?.abort();
    if (vars === null) {
      loading.value = false;
      return;
    }
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = null;
    try {
      const result = await requestGraphQL(query, vars, { signal: mine.signal });
      if (controller !== mine) return;
      data.value = result;
    } catch (cause) {
      if (controller !== mine) return;
      if (cause instanceof DOMException && cause.name === 'AbortError') return;
      error.value =
        cause instanceof RequestError ? cause : new RequestError('network', String(cause));
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  watch(variables, (vars) => void run(vars), { immediate: true, deep: true });
  onScopeDispose(() => controller?.abort());

  return { data, loading, error, retry: () => run(variables(), true) };
}
