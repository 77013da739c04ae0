import { createMemoryHistory } from 'vue-router';
import { createAppI18n, type Locale } from '../i18n/index';
import { createAppRouter } from '../router';

/** The app's real i18n and router (memory history) for component tests. */
export async function createTestApp(path = '/', locale: Locale = 'vi') {
  const i18n = createAppI18n(locale);
  const router = createAppRouter(i18n, createMemoryHistory());
  await router.push(path);
  await router.isReady();
  return { i18n, router, plugins: [i18n, router] as const };
}

/** A fetch stub answering GraphQL POSTs from a map of operation name → data (or a function of the variables). */
export function graphqlFetchStub(
  handlers: Record<string, unknown | ((variables: Record<string, unknown>) => unknown)>,
): typeof fetch & {
  calls: { operation: string; variables: Record<string, unknown>; init: RequestInit | undefined }[];
} {
  const calls: {
    operation: string;
    variables: Record<string, unknown>;
    init: RequestInit | undefined;
  }[] = [];
  const stub = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body ?? '{}')) as {
      query: string;
      variables?: Record<string, unknown>;
    };
    const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
    const variables = body.variables ?? {};
    calls.push({ operation, variables, init });
    const handler = handlers[operation];
    if (handler === undefined) {
      return new Response(JSON.stringify({ errors: [{ message: `no stub for ${operation}` }] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }
    const data =
      typeof handler === 'function'
        ? (handler as (v: Record<string, unknown>) => unknown)(variables)
        : handler;
    return new Response(JSON.stringify({ data }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch & { calls: typeof calls };
  stub.calls = calls;
  return stub;
}

/** Lets pending fetch promises and Vue updates settle. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
