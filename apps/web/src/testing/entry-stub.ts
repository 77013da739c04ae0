import { restoreSession, TOKEN_STORAGE_KEY } from '../composables/useSession';
import type { SessionUser } from '../graphql/session';

/** A GraphQL error answer for {@link entryFetchStub}: `{ errors: [{ message, extensions }] }`. */
export class GraphQLErrorAnswer {
  constructor(
    readonly message: string,
    readonly extensions: Record<string, unknown>,
  ) {}
}

type Handler = unknown | ((variables: Record<string, unknown>) => unknown);
export interface StubCall {
  operation: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * A fetch stub for the write side: like testing/setup's graphqlFetchStub, plus error answers and
 * the request headers of every call (to check `Authorization`).
 */
export function entryFetchStub(
  handlers: Record<string, Handler>,
): typeof fetch & { calls: StubCall[] } {
  const calls: StubCall[] = [];
  const stub = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body ?? '{}')) as {
      query: string;
      variables?: Record<string, unknown>;
    };
    const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
    const variables = body.variables ?? {};
    calls.push({ operation, variables, headers: { ...(init?.headers as Record<string, string>) } });
    const handler = handlers[operation];
    // A handler may answer later (a promise): a long mutation while other requests go on.
    const answer: unknown =
      typeof handler === 'function'
        ? await (handler as (v: Record<string, unknown>) => unknown)(variables)
        : handler;
    const payload =
      handler === undefined
        ? { errors: [{ message: `no stub for ${operation}` }] }
        : answer instanceof GraphQLErrorAnswer
          ? { data: null, errors: [{ message: answer.message, extensions: answer.extensions }] }
          : { data: answer };
    return new Response(JSON.stringify(payload), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch & { calls: StubCall[] };
  stub.calls = calls;
  return stub;
}

export function sessionUser(overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    id: 'u1',
    email: 'vanphong@ocop.angiang.gov.vn',
    displayName: 'Nguyễn Thị Thu',
    role: 'SECRETARIAT',
    department: null,
    unit: null,
    ...overrides,
  };
}

/** Puts a token in sessionStorage as an earlier sign-in would; the app then asks `Me`. */
export function startWithToken(token = 'tok-123'): void {
  sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  restoreSession();
}

export function startAnonymous(): void {
  sessionStorage.clear();
  restoreSession();
}
