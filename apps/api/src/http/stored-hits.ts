// Stored answers of the dashboard's GET-by-id reads, sent from the first hooks of a request
// (issue 10: "cache hits are cheap enough to serve at the limit"). A hit is the same bytes and
// headers persisted-get.ts would send, but it skips what cannot change it: CORS (only requests
// without an Origin header come here), body parsing, the compression plugin (stored answers carry
// their own encoded variants), Apollo's route and the onSend hooks. It is counted by the rate
// limit first, like every /graphql request, and by the drain (registered after trackInFlight).
// Everything else (misses, signed-in requests, errors, Origin, shutdown) goes on as before.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { StoredHit } from './persisted-get.js';

export interface StoredHitsOptions {
  rateLimited: onRequestHookHandler;
  storedAnswer: (request: FastifyRequest) => Promise<StoredHit | null>;
  draining: () => boolean;
}

/** Requests the rate limit has already counted here (the route's own hook skips them). */
const counted = new WeakSet<FastifyRequest>();

/** The route's rate-limit hook, skipping requests counted by the stored-hit hook. */
export function countedOnce(rateLimited: onRequestHookHandler): onRequestHookHandler {
  return function (this: FastifyInstance, request, reply, done) {
    if (counted.has(request)) return done();
    return rateLimited.call(this, request, reply, done);
  };
}

/** Runs an onRequest hook of either form (callback or async) and waits for it. */
function runHook(
  app: FastifyInstance,
  hook: onRequestHookHandler,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => (err ? reject(err) : resolve());
    const result = hook.call(app, request, reply, done) as unknown;
    if (result instanceof Promise) result.then(() => resolve(), reject);
  });
}

/**
 * Adds the hook now (its place among the app's onRequest hooks is its registration order); the
 * handlers it calls are given later with `use`, once the API route's parts exist.
 */
export function registerStoredHits(app: FastifyInstance): { use(o: StoredHitsOptions): void } {
  let options: StoredHitsOptions | null = null;
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (
      !options ||
      request.method !== 'GET' ||
      request.headers.origin !== undefined ||
      !request.url.startsWith('/graphql?') ||
      options.draining()
    )
      return;
    const { rateLimited, storedAnswer } = options;
    await runHook(app, rateLimited, request, reply);
    counted.add(request);
    if (reply.sent) return reply;
    const hit = await storedAnswer(request);
    if (!hit) return;
    return sendHijacked(request, reply, hit);
  });
  return { use: (o) => (options = o) };
}

/**
 * Sends a stored answer on the raw response, past Fastify's reply (its onSend hooks, serializer
 * and compression): the headers earlier hooks set on the reply (security, CORS, rate limit), the
 * request id, then the answer's own. Also used by POST hits (post-cache.ts).
 */
export function sendHijacked(
  request: FastifyRequest,
  reply: FastifyReply,
  hit: StoredHit,
): FastifyReply {
  reply.hijack();
  const raw = reply.raw;
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined) raw.setHeader(name, value);
  raw.setHeader('x-request-id', request.id);
  for (const name in hit.headers) raw.setHeader(name, hit.headers[name]!);
  if (hit.body) raw.setHeader('content-length', hit.body.length);
  raw.writeHead(hit.status);
  raw.end(hit.body);
  return reply;
}
