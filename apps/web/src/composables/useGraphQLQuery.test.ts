import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'gql.tada';
import { effectScope, nextTick, ref } from 'vue';
import { useGraphQLQuery } from './useGraphQLQuery';
import { graphqlFetchStub, settle } from '../testing/setup';

afterEach(() => vi.unstubAllGlobals());

describe('useGraphQLQuery', () => {
  it('loads, refetches when variables change, skips identical variables, and retries on demand', async () => {
    const stub = graphqlFetchStub({ Q: (v: Record<string, unknown>) => ({ echo: v.n }) });
    vi.stubGlobal('fetch', stub);
    const n = ref(1);
    const other = ref('a');
    const scope = effectScope();
    const state = scope.run(() =>
      useGraphQLQuery(parse('query Q { echo }'), () => (other.value, { n: n.value })),
    )!;
    expect(state.loading.value).toBe(true);
    await settle();
    expect(state.data.value).toEqual({ echo: 1 });
    expect(state.loading.value).toBe(false);

    other.value = 'b'; // same variables
    await nextTick();
    await settle();
    expect(stub.calls).toHaveLength(1);

    n.value = 2;
    await nextTick();
    await settle();
    expect(state.data.value).toEqual({ echo: 2 });

    await state.retry();
    expect(stub.calls).toHaveLength(3);
    scope.stop();
  });

  it('does not run while the variables are null', async () => {
    const stub = graphqlFetchStub({});
    vi.stubGlobal('fetch', stub);
    const scope = effectScope();
    const state = scope.run(() => useGraphQLQuery(parse('query Q { x }'), () => null))!;
    await settle();
    expect(stub.calls).toHaveLength(0);
    expect(state.loading.value).toBe(false);
    scope.stop();
  });
});
