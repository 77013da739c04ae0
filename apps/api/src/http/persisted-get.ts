// GET /graphql?id=<sha256>&variables=<json>: the dashboard's trusted documents
// (graphql/trusted-documents.ts) asked by id, answered so that a browser, a reverse proxy or a CDN
// can keep and revalidate them (README, "HTTP caching of public reads"):
// - anonymous (no Authorization header): `Cache-Control: public, …` and a strong ETag made of the
//   database's data version (epoch, version), the document id, the canonical variables and today's
//   date in Vietnam (figures default their as-of day to it). The version is read first (one
//   primary-key SELECT shared by concurrent requests, cache/version-reader.ts); an If-None-Match
//   naming the current tag is answered 304 without a body and without running anything. Otherwise
//   the stored bytes of that key are sent as they are (no parse, validate or execute); only a miss
//   runs the operation through Apollo, with the same plugins and limits as POST.
// - signed in (Authorization header): run as the user, `Cache-Control: private, no-store`, never
//   stored, so no one's private fields reach another user or a shared cache.
// Mutations are refused (405): GET must not change anything. Unknown ids are
// PERSISTED_QUERY_NOT_FOUND, so a client with a newer build falls back to POST.
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import { canonicalJson } from '../cache/canonical.js';
import type { AnswerCache, AnswerEntry } from '../cache/answer-cache.js';
import { primeDataVersion } from '../cache/figure-cache.js';
import type { DataVersionReader } from '../cache/version-reader.js';
import type { DataVersionStamp } from '../modules/data-version/data-version.service.js';
import {
  createContext,
  type AuthSettings,
  type GraphQLContext,
  type Viewer,
} from '../graphql/context.js';
import { API_ERROR_CODES, apiError, validationFailed } from '../graphql/errors.js';
import { httpStatusForCode } from '../graphql/http-status.js';
import type { TrustedDocument, TrustedDocuments } from '../graphql/trusted-documents.js';
import { acceptedEncoding, COMPRESS_FROM_BYTES, todayNow } from './answer-encoding.js';
import { clientRequestId } from './logging.js';

export interface PersistedGetOptions {
  db: MikroORM;
  apollo: ApolloServer<GraphQLContext>;
  documents: TrustedDocuments;
  answers: AnswerCache;
  versions: DataVersionReader;
  auth: AuthSettings;
  viewerOf: (request: FastifyRequest) => Promise<Viewer>;
  /** Seconds for `max-age` and `s-maxage` (0: revalidate every reuse). */
  maxAge: number;
  sMaxAge: number;
}

/**
 * What a public answer varies by. Origin too: CORS gives it no Access-Control-Allow-Origin without
 * an Origin, `*` for any site and the echoed dashboard origin with credentials (http/cors.ts); a
 * shared cache (PUBLIC_S_MAXAGE_SECONDS) that ignored it would hand one origin's to another and
 * the browser would refuse the read. The cors plugin's own `Vary: Origin` is replaced here.
 */
const PUBLIC_VARY = 'origin, authorization, accept-encoding';

const JSON_TYPE = 'application/json; charset=utf-8';

type Query = Record<string, unknown>;

/** The id a GET asks for: `id`, or Apollo's `extensions={"persistedQuery":{"sha256Hash":…}}`. */
export function persistedIdOf(query: Query): string | undefined {
  if (typeof query.id === 'string') return query.id;
  if (typeof query.extensions !== 'string') return undefined;
  try {
    const hash = (JSON.parse(query.extensions) as { persistedQuery?: { sha256Hash?: unknown } })
      ?.persistedQuery?.sha256Hash;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
}

/** A stored answer ready to send (storedAnswer). */
export interface StoredHit {
  status: 200 | 304;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Keys memoised per data version (distinct variables × documents × days asked). */
const HIT_KEYS_KEPT = 1024;

interface Executed {
  status: number;
  body: string;
  /** 200 without errors: the same answer for everyone until the data version changes. */
  cacheable: boolean;
}

export function persistedGetHandler(options: PersistedGetOptions) {
  const cacheControl = `public, max-age=${options.maxAge}${options.sMaxAge ? `, s-maxage=${options.sMaxAge}` : ''}, must-revalidate`;
  const inFlight = new Map<string, Promise<{ entry: AnswerEntry } | { executed: Executed }>>();

  async function execute(
    request: FastifyRequest,
    document: TrustedDocument,
    variables: Query,
    viewer: Viewer,
    today: string,
    stamp?: DataVersionStamp,
  ): Promise<Executed> {
    const ctx = createContext(options.db, {
      viewer,
      requestId: request.id,
      clientRequestId: clientRequestId(request.headers['x-request-id']),
      auth: options.auth,
      log: request.log,
      today,
    });
    // The version this answer is stored under: its figures are computed at it (no second read).
    if (stamp) primeDataVersion(ctx, stamp);
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([
          ['content-type', 'application/json'],
          ['accept', 'application/json'],
        ]),
        search: '',
        body: { query: document.body, variables, operationName: document.name },
      },
      context: async () => ctx,
    });
    let body = '';
    if (response.body.kind === 'complete') body = response.body.string;
    else for await (const chunk of response.body.asyncIterator) body += chunk;
    const status = response.status ?? 200;
    const cacheable = status === 200 && !(JSON.parse(body) as { errors?: unknown }).errors;
    return { status, body, cacheable };
  }

  /**
   * The stored answer of `key` (this process's, then Redis's), or the operation run once for all
   * concurrent askers and stored when it is an error-free 200.
   */
  async function answerOf(
    key: string,
    stamp: DataVersionStamp,
    run: () => Promise<Executed>,
  ): Promise<{ entry: AnswerEntry } | { executed: Executed }> {
    const stored = options.answers.local(key, stamp) ?? (await options.answers.get(key, stamp));
    if (stored) return { entry: stored };
    let running = inFlight.get(key);
    if (!running) {
      running = run().then(async (executed) =>
        executed.cacheable
          ? {
              entry: await options.answers.set(key, stamp, {
                contentType: JSON_TYPE,
                body: executed.body,
              }),
            }
          : { executed },
      );
      inFlight.set(key, running);
      void running.finally(() => inFlight.delete(key)).catch(() => undefined);
    }
    return running;
  }

  /**
   * The answer of an anonymous GET by id when this process holds it for the current data version
   * (a 304 when If-None-Match names it): what a hit sends, without touching the reply. Null: the
   * request goes the whole way (persistedGet), which answers every other case.
   */
  async function storedAnswer(request: FastifyRequest): Promise<StoredHit | null> {
    if (request.headers.authorization !== undefined) return null;
    const query = request.query as Query;
    const id = persistedIdOf(query);
    const document = id === undefined ? undefined : options.documents.get(id);
    if (!document || document.type !== 'query') return null;
    const raw = typeof query.variables === 'string' ? query.variables : '';
    const stamp = await options.versions.current();
    if (!stamp) return null;
    const today = todayNow();
    const keys = hitKeys(stamp, document.id, raw, today);
    if (!keys) return null;
    const headers: Record<string, string> = { 'cache-control': cacheControl, vary: PUBLIC_VARY };
    const matched = matchingTag(request.headers['if-none-match'], keys.tag);
    if (matched) return { status: 304, headers: { ...headers, etag: matched } };
    const entry = options.answers.local(keys.key, stamp);
    if (!entry) return null;
    return { status: 200, ...storedBytes(request, keys.tag, keys.key, entry, headers) };
  }

  /** A stored entry's bytes in the coding the client accepts, with its headers added to `headers`. */
  function storedBytes(
    request: FastifyRequest,
    tag: string,
    key: string,
    entry: AnswerEntry,
    headers: Record<string, string>,
  ): { headers: Record<string, string>; body: Buffer } {
    const encoding =
      entry.answer.body.length >= COMPRESS_FROM_BYTES
        ? acceptedEncoding(request.headers['accept-encoding'])
        : null;
    headers['content-type'] = JSON_TYPE;
    if (!encoding) {
      headers.etag = tag;
      return { headers, body: options.answers.bytesOf(key, entry, 'identity') };
    }
    headers.etag = variantTag(tag, encoding);
    headers['content-encoding'] = encoding;
    return { headers, body: options.answers.bytesOf(key, entry, encoding) };
  }

  /**
   * The ETag and answer key of (version, document, raw variables, day), memoised for the newest
   * version: a hit then costs no JSON parse, canonical form or digest.
   */
  let memoVersion: DataVersionStamp | null = null;
  const memo = new Map<string, { tag: string; key: string } | null>();
  function hitKeys(stamp: DataVersionStamp, id: string, raw: string, today: string) {
    if (memoVersion?.epoch !== stamp.epoch || memoVersion.version !== stamp.version) {
      memo.clear();
      memoVersion = stamp;
    }
    const name = `${id}\n${today}\n${raw}`;
    let keys = memo.get(name);
    if (keys === undefined) {
      const variables = variablesOf(raw);
      if (variables) {
        const vars = canonicalJson(variables);
        keys = {
          tag: etagOf(stamp, id, vars, today),
          key: options.answers.keyOf(stamp, 'get', `${id}\n${today}\n${vars}`),
        };
      } else keys = null;
      if (memo.size >= HIT_KEYS_KEPT) memo.clear();
      memo.set(name, keys);
    }
    return keys;
  }

  const handler = async function persistedGet(request: FastifyRequest, reply: FastifyReply) {
    const query = request.query as Query;
    const id = persistedIdOf(query);
    if (!id || !/^[0-9a-f]{64}$/.test(id))
      return sendError(
        reply,
        validationFailed('id', {
          en: 'id must be the SHA-256 (64 lower-case hex digits) of a trusted document.',
          vi: 'id phải là mã SHA-256 (64 chữ số thập lục phân viết thường) của một tài liệu tin cậy.',
        }),
      );
    const document = options.documents.get(id);
    if (!document)
      return sendError(
        reply,
        apiError(
          API_ERROR_CODES.PERSISTED_QUERY_NOT_FOUND,
          {
            en: `No trusted document has id ${id}: send the query text as POST (GET by id runs only the dashboard's operations).`,
            vi: `Không có tài liệu tin cậy nào có id ${id}: hãy gửi nội dung truy vấn bằng POST (GET theo id chỉ chạy các thao tác của bảng điều khiển).`,
          },
          { field: 'id' },
        ),
      );
    if (document.type !== 'query')
      return sendError(
        reply.header('allow', 'POST'),
        apiError(
          API_ERROR_CODES.METHOD_NOT_ALLOWED,
          {
            en: `${document.name} is a ${document.type}: send it as POST (GET must not change anything).`,
            vi: `${document.name} là thao tác ghi: hãy gửi bằng POST (yêu cầu GET không được thay đổi dữ liệu).`,
          },
          { field: 'id' },
        ),
      );
    const variables = variablesOf(query.variables);
    if (!variables)
      return sendError(
        reply,
        validationFailed('variables', {
          en: 'variables must be a JSON object.',
          vi: 'variables phải là một đối tượng JSON.',
        }),
      );
    const today = todayNow();

    if (request.headers.authorization !== undefined) {
      // Possibly private fields: computed for this user only, kept by nobody.
      const viewer = await options.viewerOf(request);
      const executed = await execute(request, document, variables, viewer, today);
      return reply
        .code(executed.status)
        .header('cache-control', 'private, no-store')
        .type(JSON_TYPE)
        .send(executed.body);
    }

    const anonymous: Viewer = { user: null, sessionId: null, ip: request.ip };
    const vars = canonicalJson(variables);
    const stamp = await options.versions.current();
    if (!stamp) {
      // No data version row: nothing may be cached (figure-cache.ts does the same).
      const executed = await execute(request, document, variables, anonymous, today);
      return reply
        .code(executed.status)
        .header('cache-control', 'no-store')
        .type(JSON_TYPE)
        .send(executed.body);
    }
    const tag = etagOf(stamp, document.id, vars, today);
    void reply.header('cache-control', cacheControl).header('vary', PUBLIC_VARY);
    const matched = matchingTag(request.headers['if-none-match'], tag);
    if (matched) return reply.code(304).header('etag', matched).send();

    const key = options.answers.keyOf(stamp, 'get', `${document.id}\n${today}\n${vars}`);
    const answer = await answerOf(key, stamp, () =>
      execute(request, document, variables, anonymous, today, stamp),
    );
    if ('executed' in answer)
      return reply
        .code(answer.executed.status)
        .header('cache-control', 'no-store')
        .removeHeader('vary')
        .type(JSON_TYPE)
        .send(answer.executed.body);
    const stored = storedBytes(request, tag, key, answer.entry, {});
    return reply.headers(stored.headers).send(stored.body);
  };
  return Object.assign(handler, { storedAnswer });
}

function sendError(reply: FastifyReply, error: GraphQLError) {
  return reply
    .code(httpStatusForCode(error.extensions.code))
    .header('cache-control', 'no-store')
    .type(JSON_TYPE)
    .send(JSON.stringify({ errors: [error.toJSON()] }));
}

function variablesOf(raw: unknown): Query | null {
  if (raw === undefined || raw === '') return {};
  if (typeof raw !== 'string') return null;
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Query) : null;
  } catch {
    return null;
  }
}

/** A strong validator of one answer: changes with the data, the document, the variables or the day. */
export function etagOf(stamp: DataVersionStamp, id: string, vars: string, today: string): string {
  const digest = createHash('sha256')
    .update(`${stamp.epoch}\n${id}\n${vars}\n${today}`)
    .digest('base64url')
    .slice(0, 22);
  return `"${stamp.version}-${digest}"`;
}

/** Each content coding is its own representation, so it has its own strong tag. */
const variantTag = (tag: string, encoding: 'br' | 'gzip') =>
  `${tag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"`;

/** The tag of If-None-Match that names the current answer (in any coding), or null. */
function matchingTag(header: string | undefined, tag: string): string | null {
  if (!header) return null;
  const variants = [tag, variantTag(tag, 'br'), variantTag(tag, 'gzip')];
  for (const candidate of header.split(',')) {
    const value = candidate.trim().replace(/^W\//, '');
    if (value === '*') return tag;
    if (variants.includes(value)) return value;
  }
  return null;
}
