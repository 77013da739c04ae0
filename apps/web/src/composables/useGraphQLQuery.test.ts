import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'gql.tada';
import { mount } from '@vue/test-utils';
import { effectScope, nextTick, ref } from 'vue';
import { useGraphQLQuery } from './useGraphQLQuery';
import UiQueryState from '../components/ui/UiQueryState.vue';
import { RequestError } from '../graphql/client';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';

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

  it('on RATE_LIMITED shows "retrying in N s" and retries by itself after N seconds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let calls = 0;
      const fetchStub = (async () => {
        calls += 1;
        if (calls === 1)
          return new Response(
            JSON.stringify({
              errors: [
                {
                  message: 'Too many requests',
                  extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 },
                },
              ],
            }),
            { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '7' } },
          );
        return new Response(JSON.stringify({ data: { echo: 1 } }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }) as typeof fetch;
      vi.stubGlobal('fetch', fetchStub);
      const scope = effectScope();
      const state = scope.run(() => useGraphQLQuery(parse('query Q { echo }'), () => ({})))!;
      for (let i = 0; i < 5; i++) await Promise.resolve();
      await vi.advanceTimersByTimeAsync(0);
      expect(state.error.value?.code).toBe('RATE_LIMITED');
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(6_000);
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(calls).toBe(2);
      expect(state.data.value).toEqual({ echo: 1 });
      expect(state.error.value).toBeNull();
      scope.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['vi', 'Quá nhiều yêu cầu, thử lại sau 7 giây.'],
    ['en', 'Too many requests, retrying in 7 s.'],
  ] as const)('says so in %s', async (locale, text) => {
    const { plugins } = await createTestApp('/', locale);
    const error = new RequestError('graphql', 'Too many requests', {
      status: 429,
      code: 'RATE_LIMITED',
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 },
    });
    const wrapper = mount(UiQueryState, {
      props: { loading: false, error },
      global: { plugins: [...plugins] },
    });
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain(text);
  });
});
