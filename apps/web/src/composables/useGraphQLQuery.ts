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
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const cancelRetry = () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  };

  async function run(vars: TVariables | null, force = false): Promise<void> {
    cancelRetry();
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
      // Over the API's rate limit: the error says "retrying in N s" (UiQueryState) and we do.
      const wait = rateLimitWait(error.value);
      if (wait !== null) retryTimer = setTimeout(() => void run(vars, true), wait * 1000);
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  watch(variables, (vars) => void run(vars), { immediate: true, deep: true });
  onScopeDispose(() => {
    cancelRetry();
    controller?.abort();
  });

  return { data, loading, error, retry: () => run(variables(), true) };
}

/** Seconds to wait before retrying a RATE_LIMITED answer (its retryAfterSeconds), else null. */
export function rateLimitWait(error: RequestError | null): number | null {
  if (error?.code !== 'RATE_LIMITED') return null;
  const seconds = Number(error.extensions.retryAfterSeconds);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(Math.ceil(seconds), 300) : 5;
}
