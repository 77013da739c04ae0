// The answer cache of anonymous POST /graphql (issue 10, point 6): a repeated read is sent as the
// bytes stored for its data version, before Apollo parses, validates or executes anything.
//
// Cached: a request without an Authorization header (the viewer is anonymous, so the answer holds
// no one's private fields), a JSON body of only `query`, `operationName` and `variables`, whose
// operation is a query (checked when its answer is stored) and whose answer is a 200 without
// errors. The key is the data version, today's date in Vietnam (the as-of default), the Accept
// header (Apollo's content type follows it), the operation name, the canonical variables and the
// query text. Everything else goes to Apollo as before: signed-in requests, mutations, errors
// (invalid variables keep their messages), batches and other extensions. The rate limit is
// counted before (the route's onRequest hook).
//
// Only operations that read the data version anyway (those asking for cached figures: overview,
// districts, stats…) are looked up: the version is then read first, before anything else (every
// write committed before the request came in is seen, and the whole answer is at least that
// version), and handed to the request's figures, so a miss costs no extra statement. A text is
// known to be such an operation after its first run has read the version; until then it runs
// as before and is not stored. Lists without figures (products) keep their statement count and are
// not cached here.
//
// A body already seen for such a read is answered before Fastify parses it (preParsing): its bytes
// are read from the request (at most RAW_BODY_BYTES, with a Content-Length, not encoded) and looked
// up as they are, so a repeated request costs no JSON parse, no canonical form and none of the
// route's later hooks; the stored answer goes out on the raw response (sendHijacked). A body not
// seen yet is handed on to the parser unchanged and looked up as above (a read whose variables
// come in another order is the same answer); once found to be such a read, its bytes are kept
// (SHAPES bodies at most) for the next time.
import { PassThrough, type Readable } from 'node:stream';
import { parse, type OperationTypeNode } from 'graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AnswerCache, AnswerEntry } from '../cache/answer-cache.js';
import { canonicalJson } from '../cache/canonical.js';
import { DATA_VERSION_MEMO, primeDataVersion } from '../cache/figure-cache.js';
import type { DataVersionReader } from '../cache/version-reader.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { DataVersionStamp } from '../modules/data-version/data-version.service.js';
import { acceptedEncoding, COMPRESS_FROM_BYTES, todayNow } from './answer-encoding.js';
import type { StoredHit } from './persisted-get.js';
import { sendHijacked } from './stored-hits.js';

export interface PostCacheOptions {
  answers: AnswerCache;
  versions: DataVersionReader;
  /** The server is shutting down: answers go through Fastify (which asks clients to close). */
  draining: () => boolean;
}

interface Pending {
  /** The answer's key and the version read first; null: a text not known to read figures yet. */
  key: string | null;
  stamp: DataVersionStamp | null;
  shape: string;
  query: string;
  operationName: string | null;
  /** The execution asked for the data version (set through the context's memo). */
  readsVersion: boolean;
}

/** Query texts (and raw bodies) known to read the data version, kept per process (the least recent dropped). */
const SHAPES = 512;

/** The largest body looked up before parsing (the dashboard's overview query is about 1.2 KB). */
export const RAW_BODY_BYTES = 8 * 1024;

interface CacheableBody {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown>;
}

const ALLOWED = new Set(['query', 'operationName', 'variables']);

/** The parts of a POST body the cache may key by, or null when the request is not cacheable. */
function cacheableBody(body: unknown): CacheableBody | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const { query, operationName, variables } = body as Record<string, unknown>;
  if (typeof query !== 'string') return null;
  if (operationName != null && typeof operationName !== 'string') return null;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  for (const name in body) if (!ALLOWED.has(name)) return null;
  return {
    query,
    operationName: (operationName as string | null | undefined) ?? null,
    variables: (variables as Record<string, unknown> | null | undefined) ?? {},
  };
}

/** The type of the operation a request runs, or null when the text does not say (Apollo refuses). */
export function operationTypeOf(
  query: string,
  operationName: string | null,
): OperationTypeNode | null {
  try {
    const operations = parse(query).definitions.filter((d) => d.kind === 'OperationDefinition');
    const chosen =
      operationName === null
        ? operations.length === 1
          ? operations[0]
          : undefined
        : operations.find((op) => op.name?.value === operationName);
    return chosen?.operation ?? null;
  } catch {
    return null;
  }
}

/** Whether preParsing looks a request up by its body's bytes (see the header). */
function looksUpRaw(request: FastifyRequest): boolean {
  const { headers } = request;
  if (request.method !== 'POST' || headers.authorization !== undefined) return false;
  if (headers['content-encoding'] !== undefined) return false;
  const type = headers['content-type'];
  if (typeof type !== 'string' || !type.startsWith('application/json')) return false;
  const length = Number(headers['content-length']);
  return Number.isInteger(length) && length > 0 && length <= RAW_BODY_BYTES;
}

/** The whole body of a request (its Content-Length is at most RAW_BODY_BYTES). */
function readBody(payload: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    payload.on('data', (chunk: Buffer) => chunks.push(chunk));
    payload.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    payload.on('error', reject);
  });
}

/** The body again, as the stream Fastify's parser reads (with the length it checks). */
function bodyStream(body: Buffer): Readable {
  const stream = new PassThrough();
  (stream as PassThrough & { receivedEncodedLength: number }).receivedEncodedLength = body.length;
  stream.end(body);
  return stream;
}

/** What a key depends on besides the data version and the day. */
const requestTextOf = (accept: string, body: CacheableBody, shape: string) =>
  `${accept}\n${canonicalJson(body.variables)}\n${shape}`;

export function postCache(options: PostCacheOptions) {
  const pending = new WeakMap<FastifyRequest, Pending>();
  const figureShapes = new Map<string, true>();
  /** Raw bodies (with the Accept header) known to be figure reads, and their request text. */
  const knownBodies = new Map<string, string>();
  /** Bodies read by preParsing, for the lookup to remember. */
  const rawBodies = new WeakMap<FastifyRequest, string>();
  const { answers } = options;

  /**
   * The data version, read first, the answer's key under it and the stored answer if any; null
   * when no version can be read (the database did not answer, or holds no data version row: then
   * nothing may be cached, as in figure-cache.ts) and the request runs as it always did.
   */
  async function stored(
    requestText: string,
  ): Promise<{ stamp: DataVersionStamp; key: string; entry: AnswerEntry | null } | null> {
    let stamp: DataVersionStamp | null;
    try {
      stamp = await options.versions.current();
    } catch {
      return null;
    }
    if (!stamp) return null;
    const key = answers.keyOf(stamp, 'post', `${todayNow()}\n${requestText}`);
    const entry = answers.local(key, stamp) ?? (await answers.get(key, stamp)) ?? null;
    return { stamp, key, entry };
  }

  function hitOf(request: FastifyRequest, key: string, entry: AnswerEntry): StoredHit {
    const encoding =
      entry.answer.body.length >= COMPRESS_FROM_BYTES
        ? acceptedEncoding(request.headers['accept-encoding'])
        : null;
    const headers: Record<string, string> = { 'content-type': entry.answer.contentType };
    if (entry.answer.cacheControl) headers['cache-control'] = entry.answer.cacheControl;
    if (encoding) {
      headers.vary = 'accept-encoding';
      headers['content-encoding'] = encoding;
    }
    return { status: 200, headers, body: answers.bytesOf(key, entry, encoding ?? 'identity') };
  }

  return {
    /**
     * preParsing: sends the stored answer of a body already known (as its bytes), before it is
     * parsed; otherwise gives the parser the body it read, or the request's stream untouched.
     */
    async readRaw(
      request: FastifyRequest,
      reply: FastifyReply,
      payload: Readable,
    ): Promise<Readable | FastifyReply> {
      if (!looksUpRaw(request) || options.draining()) return payload;
      const body = await readBody(payload);
      const raw = `${request.headers.accept ?? ''}\n${body.toString('latin1')}`;
      rawBodies.set(request, raw);
      const requestText = knownBodies.get(raw);
      if (requestText === undefined) return bodyStream(body);
      const found = await stored(requestText);
      if (!found) return bodyStream(body);
      const { stamp, key, entry } = found;
      if (entry) return sendHijacked(request, reply, hitOf(request, key, entry));
      // A miss: the lookup after parsing uses this version (read first) and key.
      pending.set(request, {
        key,
        stamp,
        shape: '',
        query: '',
        operationName: null,
        readsVersion: false,
      });
      return bodyStream(body);
    },

    /** preHandler: sends a stored answer, or notes the key under which Apollo's answer may be kept. */
    async lookup(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
      if (request.method !== 'POST' || request.headers.authorization !== undefined) return;
      if (options.draining()) return;
      const body = cacheableBody(request.body);
      const early = pending.get(request);
      if (!body) {
        pending.delete(request);
        return;
      }
      const shape = `${body.operationName ?? ''}\n${body.query}`;
      if (early) {
        // Looked up by its bytes before parsing, and missed.
        Object.assign(early, { shape, query: body.query, operationName: body.operationName });
        return;
      }
      const noted: Pending = {
        key: null,
        stamp: null,
        shape,
        query: body.query,
        operationName: body.operationName,
        readsVersion: false,
      };
      pending.set(request, noted);
      if (!figureShapes.has(shape)) return;
      const requestText = requestTextOf(request.headers.accept ?? '', body, shape);
      const found = await stored(requestText);
      if (!found) return;
      // Its bytes, looked up before parsing next time.
      const raw = rawBodies.get(request);
      if (raw !== undefined) {
        knownBodies.set(raw, requestText);
        if (knownBodies.size > SHAPES) knownBodies.delete(knownBodies.keys().next().value!);
      }
      const { stamp, key, entry } = found;
      if (entry) {
        pending.delete(request);
        return sendHijacked(request, reply, hitOf(request, key, entry));
      }
      noted.key = key;
      noted.stamp = stamp;
    },

    /**
     * Called with the request's GraphQL context: a miss hands it the version read first (its
     * figures use it, no second read); otherwise it notes whether the execution reads one.
     */
    track(request: FastifyRequest, ctx: GraphQLContext): void {
      const noted = pending.get(request);
      if (!noted) return;
      if (noted.stamp) return primeDataVersion(ctx, noted.stamp);
      const memo = ctx.memo;
      ctx.memo = (name, load) => {
        if (name === DATA_VERSION_MEMO) noted.readsVersion = true;
        return memo(name, load);
      };
    },

    /** onSend (before compression): keeps Apollo's answer when it is a query's error-free 200. */
    async store(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
      const noted = pending.get(request);
      if (!noted || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      pending.delete(request);
      const contentType = reply.getHeader('content-type');
      if (typeof contentType !== 'string' || reply.getHeader('set-cookie') !== undefined)
        return payload;
      if (!noted.key && !noted.readsVersion) return payload;
      if (operationTypeOf(noted.query, noted.operationName) !== 'query') return payload;
      try {
        if ((JSON.parse(payload) as { errors?: unknown }).errors !== undefined) return payload;
      } catch {
        return payload;
      }
      if (!noted.key || !noted.stamp) {
        // Its version was read during the run, after other reads: next time it is read first.
        figureShapes.set(noted.shape, true);
        if (figureShapes.size > SHAPES) figureShapes.delete(figureShapes.keys().next().value!);
        return payload;
      }
      const cacheControl = reply.getHeader('cache-control');
      await answers.set(noted.key, noted.stamp, {
        contentType,
        ...(typeof cacheControl === 'string' ? { cacheControl } : {}),
        body: payload,
      });
      return payload;
    },
  };
}
