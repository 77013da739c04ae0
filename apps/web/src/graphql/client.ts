/**
 * The one way the dashboard talks to the API: POST JSON to /graphql.
 * Always POST with content-type application/json — the server's CSRF
 * prevention rejects GETs and "simple" requests.
 * Operations are typed documents (`graphql()` of ./tada.ts): their result and variable types are
 * derived from the API's schema, and the document is printed back to a query string to send
 * (with @0no-co/graphql.web, the small GraphQL library gql.tada already parses documents with).
 */
import { print } from '@0no-co/graphql.web';
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

/** Each document is printed once; its text is what goes over the wire. */
const printed = new WeakMap<object, string>();
function queryText(document: TadaDocumentNode<unknown, never>): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

export async function requestGraphQL<TResult, TVariables extends object = Record<string, never>>(
  document: TadaDocumentNode<TResult, TVariables>,
  variables: TVariables,
  init: { signal?: AbortSignal } = {},
): Promise<TResult> {
  let response: Response;
  const query = queryText(document);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const token = authHooks.token();
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: stripUndefined(variables) }),
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
