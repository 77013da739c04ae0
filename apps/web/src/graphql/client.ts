/**
 * The one way the dashboard talks to the API, /graphql:
 * - an anonymous query goes as `GET /graphql?id=<sha256>&operationName=…&variables=…` (a trusted
 *   document, persisted.ts), so the browser, a reverse proxy or a CDN can cache it and revalidate
 *   it with its ETag; the API does not know an id (a manifest older than this build) → the same
 *   query once more as POST, and that document is POSTed from then on;
 * - mutations and signed-in requests POST JSON with content-type application/json (the server's
 *   CSRF prevention rejects "simple" POSTs), and so does everything in development and unit tests,
 *   where persisted-queries.json may not yet hold a document just edited.
 * Operations are typed documents (`graphql()` of ./tada.ts): their result and variable types are
 * derived from the API's schema, and the document is printed back to a query string to send
 * (with @0no-co/graphql.web, the small GraphQL library gql.tada already parses documents with).
 */
import { persistedOperation } from './persisted';
import type { TadaDocumentNode } from './tada';

export type RequestErrorKind = 'network' | 'http' | 'graphql' | 'empty';

interface ErrorOptions {
  status?: number;
  code?: string;
  messages?: { vi?: string; en?: string };
  extensions?: Record<string, unknown>;
}

export class RequestError extends Error {
  readonly kind: RequestErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  /** The API's own explanation in both languages (extensions.messageVi / messageEn), when given. */
  readonly messages: { vi?: string; en?: string };
  /** The error's whole `extensions` object (e.g. `field` for VALIDATION_FAILED, `current` for VERSION_CONFLICT). */
  readonly extensions: Record<string, unknown>;

  constructor(kind: RequestErrorKind, message: string, opts: ErrorOptions = {}) {
    super(message);
    this.name = 'RequestError';
    this.kind = kind;
    this.status = opts.status;
    this.code = opts.code;
    this.messages = opts.messages ?? {};
    this.extensions = opts.extensions ?? {};
  }

  /** The input field the API blames (extensions.field), when it names one. */
  get field(): string | undefined {
    return typeof this.extensions.field === 'string' ? this.extensions.field : undefined;
  }

  /** The message in the reader's language if the API gave one, else the raw message. */
  messageFor(locale: 'vi' | 'en'): string {
    return this.messages[locale] ?? this.messages.en ?? this.message;
  }
}

interface GraphQLErrorPayload {
  message: string;
  extensions?: { code?: string; messageVi?: string; messageEn?: string } & Record<string, unknown>;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorPayload[];
}

export const GRAPHQL_ENDPOINT = '/graphql';

/**
 * Auth hooks set by useSession: the client stays free of storage and routing, it only asks for the
 * current bearer token and reports an UNAUTHENTICATED answer (expired or revoked token).
 */
interface AuthHooks {
  token: () => string | null;
  onUnauthenticated: () => void;
}
let authHooks: AuthHooks = { token: () => null, onUnauthenticated: () => {} };

export function setAuthHooks(hooks: AuthHooks): void {
  authHooks = hooks;
}

/** Production builds ask anonymous queries by id; `setPersistedGets` switches it (tests). */
// (import.meta.env is Vite's: undefined when scripts/persisted-queries.ts loads this file in Node.)
let persistedGets: boolean = import.meta.env?.PROD ?? false;
export function setPersistedGets(on: boolean): void {
  persistedGets = on;
}

/** Documents the API answered PERSISTED_QUERY_NOT_FOUND for: POSTed from then on. */
const unknownToApi = new WeakSet<object>();

export async function requestGraphQL<TResult, TVariables extends object = Record<string, never>>(
  document: TadaDocumentNode<TResult, TVariables>,
  variables: TVariables,
  init: { signal?: AbortSignal } = {},
): Promise<TResult> {
  const operation = persistedOperation(document);
  const token = authHooks.token();
  const sent = stripUndefined(variables);
  const byId = persistedGets && !token && operation.type === 'query' && !unknownToApi.has(document);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!byId) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const url = byId ? persistedUrl(operation.id, operation.name, sent) : GRAPHQL_ENDPOINT;
  let response: Response;
  try {
    response = await fetch(url, {
      method: byId ? 'GET' : 'POST',
      headers,
      ...(byId ? {} : { body: JSON.stringify({ query: operation.body, variables: sent }) }),
      signal: init.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new RequestError('network', cause instanceof Error ? cause.message : String(cause));
  }

  let body: GraphQLResponse<TResult> | undefined;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    body = undefined;
  }

  const first = body?.errors?.[0];
  if (byId && first?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') {
    unknownToApi.add(document);
    return requestGraphQL(document, variables, init);
  }
  if (first) {
    const ext = first.extensions ?? {};
    const opts: ErrorOptions = { status: response.status, messages: {}, extensions: ext };
    if (typeof ext.code === 'string') opts.code = ext.code;
    if (typeof ext.messageVi === 'string') opts.messages!.vi = ext.messageVi;
    if (typeof ext.messageEn === 'string') opts.messages!.en = ext.messageEn;
    if (opts.code === 'UNAUTHENTICATED' && token) authHooks.onUnauthenticated();
    throw new RequestError('graphql', first.message, opts);
  }
  if (!response.ok) {
    throw new RequestError('http', `HTTP ${response.status} ${response.statusText}`.trim(), {
      status: response.status,
    });
  }
  if (body?.data == null) {
    throw new RequestError('empty', 'The server returned no data.', { status: response.status });
  }
  return body.data;
}

/** `GET /graphql?id=…`: the operation name only for logs and readers; no variables when there are none. */
function persistedUrl(id: string, name: string, variables: object): string {
  const params = new URLSearchParams({ id });
  if (name) params.set('operationName', name);
  if (Object.keys(variables).length) params.set('variables', JSON.stringify(variables));
  return `${GRAPHQL_ENDPOINT}?${params.toString()}`;
}

/** Drops undefined, empty strings and empty lists so optional arguments are simply not sent. */
export function stripUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[key] =
      v !== null && typeof v === 'object' && !Array.isArray(v) ? stripUndefined(v as object) : v;
  }
  return out as T;
}
