import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'gql.tada';
import {
  requestGraphQL,
  RequestError,
  setAuthHooks,
  setPersistedGets,
  stripUndefined,
} from './client';

const Q = parse('query Q { ok }');

afterEach(() => vi.unstubAllGlobals());

function respond(body: unknown, status = 200) {
  return vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
}

describe('requestGraphQL', () => {
  it('POSTs the printed document as JSON to /graphql (CSRF prevention needs the content type) and returns data', async () => {
    const fetchMock = respond({ data: { ok: true } });
    vi.stubGlobal('fetch', fetchMock);
    await expect(requestGraphQL(Q, { year: 2021, asOf: undefined })).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/graphql');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({
      query: 'query Q {\n  ok\n}',
      variables: { year: 2021 },
    });
  });

  it('turns GraphQL errors into a RequestError with the stable code', async () => {
    vi.stubGlobal(
      'fetch',
      respond({ errors: [{ message: 'Ngày không hợp lệ', extensions: { code: 'BAD_DATE' } }] }),
    );
    const error = await requestGraphQL(Q, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({
      kind: 'graphql',
      code: 'BAD_DATE',
      message: 'Ngày không hợp lệ',
    });
  });

  it("keeps the API's Vietnamese and English messages", async () => {
    vi.stubGlobal(
      'fetch',
      respond({
        errors: [
          {
            message: 'Invalid cursor',
            extensions: {
              code: 'INVALID_CURSOR',
              messageEn: 'Invalid cursor',
              messageVi: 'Con trỏ không hợp lệ',
            },
          },
        ],
      }),
    );
    const error = (await requestGraphQL(Q, {}).catch((e: unknown) => e)) as RequestError;
    expect(error.messageFor('vi')).toBe('Con trỏ không hợp lệ');
    expect(error.messageFor('en')).toBe('Invalid cursor');
  });

  it('reports HTTP failures and network failures distinctly', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('busy', { status: 503, statusText: 'Service Unavailable' })),
    );
    await expect(requestGraphQL(Q, {})).rejects.toMatchObject({ kind: 'http', status: 503 });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(requestGraphQL(Q, {})).rejects.toMatchObject({ kind: 'network' });
  });
});

describe('stripUndefined', () => {
  it('drops undefined, empty strings and empty lists, also inside input objects', () => {
    expect(
      stripUndefined({ a: 1, b: undefined, c: '', d: [], e: { f: undefined, g: [3] }, h: null }),
    ).toEqual({
      a: 1,
      e: { g: [3] },
      h: null,
    });
  });
});

describe('requestGraphQL with trusted documents (production builds)', () => {
  const PLAN = parse('query Plan($year: Int) { plan(year: $year) { id } }');
  const SIGN_OUT = parse('mutation SignOut { signOut }');
  const PLAN_ID = createHash('sha256')
    .update('query Plan($year: Int) {\n  plan(year: $year) {\n    id\n  }\n}')
    .digest('hex');
  beforeEach(() => setPersistedGets(true));
  afterEach(() => {
    setPersistedGets(false);
    setAuthHooks({ token: () => null, onUnauthenticated: () => {} });
  });

  it('asks an anonymous query by id over GET, without a body or content type (cacheable)', async () => {
    const fetchMock = respond({ data: { plan: { id: '1' } } });
    vi.stubGlobal('fetch', fetchMock);
    await expect(requestGraphQL(PLAN, { year: 2021 })).resolves.toEqual({ plan: { id: '1' } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    const sent = new URL(url, 'http://localhost');
    expect(sent.pathname).toBe('/graphql');
    expect(sent.searchParams.get('id')).toBe(PLAN_ID);
    expect(sent.searchParams.get('operationName')).toBe('Plan');
    expect(JSON.parse(sent.searchParams.get('variables')!)).toEqual({ year: 2021 });
    expect(init.method).toBe('GET');
    expect(init.body).toBeUndefined();
    expect((init.headers as Record<string, string>)['content-type']).toBeUndefined();
  });

  it('POSTs mutations and every request of a signed-in user', async () => {
    const fetchMock = respond({ data: { signOut: true } });
    vi.stubGlobal('fetch', fetchMock);
    await requestGraphQL(SIGN_OUT, {});
    setAuthHooks({ token: () => 'a'.repeat(43), onUnauthenticated: () => {} });
    await requestGraphQL(PLAN, { year: 2021 });
    const methods = fetchMock.mock.calls.map(
      (c) => (c as unknown as [string, RequestInit])[1].method,
    );
    expect(methods).toEqual(['POST', 'POST']);
  });

  it('falls back to POST when the API does not know the id, and keeps POSTing that document', async () => {
    const OTHER = parse('query Other { ok }');
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) =>
      init.method === 'GET'
        ? new Response(
            JSON.stringify({
              errors: [{ message: 'unknown', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
            }),
            { status: 400 },
          )
        : new Response(JSON.stringify({ data: { ok: true } }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    await expect(requestGraphQL(OTHER, {})).resolves.toEqual({ ok: true });
    await expect(requestGraphQL(OTHER, {})).resolves.toEqual({ ok: true });
    const methods = fetchMock.mock.calls.map((c) => c[1].method);
    expect(methods).toEqual(['GET', 'POST', 'POST']);
  });
});
