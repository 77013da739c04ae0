// Builds the Fastify app (no listen): /graphql, /explorer, /healthz, /readyz and, when WEB_DIST
// is set, the built dashboard with an SPA fallback. main.ts listens; tests call app.inject.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyStatic from '@fastify/static';
import type { MikroORM } from '@mikro-orm/core';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from './config.js';
import { checkReadiness, createOrm } from './db/orm.js';
import { warnIfSearchUnindexed } from './db/trigram-search-check.js';
import { createFigureCache } from './cache/create-cache.js';
import { attachFigureCache, detachFigureCache } from './cache/registry.js';
import { registerExplorer } from './explorer/explorer.js';
import { dataEndpoints } from './http/data-endpoints.js';
import { trackInFlight } from './http/drain.js';
import { isWarmingUp, startWarmUp } from './http/warm-up.js';
import { dashboardState, watchForChanges, type WarmUpWatch } from './http/warm-up-watch.js';
import { DEFAULT_PLAN_YEAR } from './http/view-params.js';
import { createApollo } from './graphql/apollo.js';
import { registerCompression } from './http/compression.js';
import { HTML_CACHE_CONTROL, setStaticCacheHeaders } from './http/static.js';
import { loadPagePreloads } from './http/page-preloads.js';
import { createContext, type AuthSettings, type GraphQLContext } from './graphql/context.js';
import { loadTrustedDocuments } from './graphql/trusted-documents.js';
import { DataVersionReader } from './cache/version-reader.js';
import { persistedGetHandler, persistedIdOf } from './http/persisted-get.js';
import { postCache } from './http/post-cache.js';
import { AnswerCache } from './cache/answer-cache.js';
import { limitsFromConfig } from './graphql/limits.js';
import { schema } from './graphql/schema.js';
import { registerCors } from './http/cors.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { countedOnce, registerStoredHits } from './http/stored-hits.js';
import { registerErrorBodies } from './http/error-bodies.js';
import { clientRequestId, loggingOptions } from './http/logging.js';
import { connectRateLimitRedis, registerRateLimit } from './http/rate-limit.js';
import { viewerResolver } from './http/viewer.js';
import { startSignInCleanup } from './modules/auth/cleanup.js';
import { stopImportWorker } from './modules/imports/import-thread.js';
import { startSearchCatchUp } from './modules/imports/search-backlog.js';

/** Paths the SPA fallback must never answer with index.html. */
const API_PATHS = ['/graphql', '/explorer', '/healthz', '/readyz'];

/**
 * Creates the app. With `orm` the caller owns the database (tests); without, the app opens the
 * configured one (migrating it) and closes it on `app.close()`.
 */
export async function createServer(
  config: AppConfig,
  orm?: MikroORM,
  options: { logStream?: { write(line: string): void } } = {},
): Promise<FastifyInstance> {
  const ownOrm = !orm;
  const db = orm ?? (await createOrm(config));

  // importDecisionList carries the file as base64 (4/3 of IMPORT_MAX_BYTES) inside JSON.
  const bodyLimit = Math.ceil((config.IMPORT_MAX_BYTES * 4) / 3) + 64 * 1024;
  const app = Fastify({
    ...loggingOptions(config.LOG_LEVEL, options.logStream),
    // TRUST_PROXY (default: none): trusting X-Forwarded-For from anyone else would let any
    // client pick its own address, hence its own rate-limit and sign-in budget.
    trustProxy:
      typeof config.TRUST_PROXY === 'number' ? trustHops(config.TRUST_PROXY) : config.TRUST_PROXY,
    bodyLimit,
  });
  registerErrorBodies(app, { bodyLimit, importMaxBytes: config.IMPORT_MAX_BYTES });
  // PostgreSQL without pg_trgm: search works but scans; say so once (db/trigram-search-check.ts).
  await warnIfSearchUnindexed(db, app.log);
  const auth: AuthSettings = {
    sessionHours: config.SESSION_HOURS,
    windowMinutes: config.LOGIN_WINDOW_MINUTES,
    maxFailuresPerEmail: config.LOGIN_MAX_FAILURES_PER_EMAIL,
    maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
    delayBaseSeconds: config.LOGIN_DELAY_BASE_SECONDS,
    delayMaxSeconds: config.LOGIN_DELAY_MAX_SECONDS,
    importMaxBytes: config.IMPORT_MAX_BYTES,
    idempotencyKeyHours: config.IDEMPOTENCY_KEY_HOURS,
  };
  app.addHook('onSend', (request, reply, payload, next) => {
    reply.header('x-request-id', request.id);
    next(null, payload);
  });
  // Every context built on `db` (GraphQL, data endpoints) uses this cache (cache/registry.ts).
  const figures = await createFigureCache(config, app.log);
  attachFigureCache(db, figures);
  const drain = trackInFlight(app);

  registerSecurityHeaders(app);
  // Before CORS and compression: a stored answer skips them (http/stored-hits.ts).
  const storedHits = registerStoredHits(app);
  await registerCors(app, config.DASHBOARD_ORIGIN);
  const viewerOf = viewerResolver(db);
  const redis = await connectRateLimitRedis(config.REDIS_URL, app.log);
  const rateLimited = await registerRateLimit(
    app,
    {
      perIpPerMinute: config.RATE_LIMIT_PER_MINUTE,
      perUserPerMinute: config.RATE_LIMIT_PER_USER_PER_MINUTE,
      redis,
      redisPrefix: config.RATE_LIMIT_REDIS_PREFIX,
    },
    viewerOf,
  );

  await registerCompression(app);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (drain.draining) return reply.code(503).send({ status: 'shutting down' });
    // The figures of the dashboard's first visit are being counted (http/warm-up.ts).
    if (isWarmingUp(app)) return reply.code(503).send({ status: 'warming up' });
    const readiness = await checkReadiness(db, config.READY_TIMEOUT_MS);
    const ready = readiness.database && readiness.writable && readiness.migrationsPending === 0;
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not ready', ...readiness });
  });

  const apollo = createApollo({
    schema,
    limits: limitsFromConfig(config),
    log: app.log,
  });
  await apollo.start();
  // Whole answers of anonymous reads (GET by id and POST), per data version: memory, and Redis
  // when REDIS_URL is set (cache/answer-cache.ts).
  const answers = new AnswerCache(
    config.CACHE_PREFIX,
    figures.store.kind === 'redis' ? figures.store : null,
  );
  const versions = DataVersionReader.of(db);
  // GET by id: the dashboard's trusted documents, cacheable by browsers, proxies and CDNs.
  const documents = loadTrustedDocuments(config.PERSISTED_QUERIES, app.log);
  const persistedGet = persistedGetHandler({
    db,
    apollo,
    documents,
    answers,
    versions,
    auth,
    viewerOf,
    maxAge: config.PUBLIC_MAX_AGE_SECONDS,
    sMaxAge: config.PUBLIC_S_MAXAGE_SECONDS,
  });
  const postAnswers = postCache({ answers, versions, draining: () => drain.draining });
  storedHits.use({
    rateLimited,
    storedAnswer: persistedGet.storedAnswer,
    draining: () => drain.draining,
  });
  app.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    onRequest: countedOnce(rateLimited),
    // An anonymous POST whose body is known to be a figure read: its stored answer, before parsing.
    preParsing: postAnswers.readRaw,
    // Asked by id: answered here, from the cache when it can (an async hook that sends ends the
    // request); everything else goes on to Apollo.
    preHandler: async (request, reply) => {
      if (
        (request.method === 'GET' || request.method === 'HEAD') &&
        persistedIdOf(request.query as Record<string, unknown>) !== undefined
      )
        return persistedGet(request, reply);
      // An anonymous POST read: its stored answer, when this data version has one.
      return postAnswers.lookup(request, reply);
    },
    // Before the compression plugin's own onSend: the stored answer is the uncompressed text.
    onSend: postAnswers.store,
    handler: fastifyApolloHandler<GraphQLContext>(apollo, {
      context: async (request) => {
        const ctx = createContext(db, {
          requestId: request.id,
          clientRequestId: clientRequestId(request.headers['x-request-id']),
          auth,
          log: request.log,
        });
        ctx.viewer = await viewerOf(request);
        postAnswers.track(request, ctx);
        return ctx;
      },
    }),
  });

  await registerExplorer(app);
  await app.register(dataEndpoints, {
    db,
    apollo,
    auth,
    rateLimited,
    webDist: config.WEB_DIST ? resolve(config.WEB_DIST) : null,
  });

  if (config.WEB_DIST) await serveDashboard(app, resolve(config.WEB_DIST));
  else {
    app.get('/', async () => ({
      api: '/graphql',
      explorer: '/explorer',
      health: '/healthz',
      ready: '/readyz',
    }));
    // Fastify's default 404 logs "Route GET:<raw url> not found", query-string secrets included
    // (http/logging.ts scrubs only the request line); answer as the dashboard's handler does.
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({ error: 'Not Found', path: request.url.split('?')[0] ?? '/' }),
    );
  }

  // Fastify drains open connections on close; then Apollo stops (no drain plugin: it would call
  // app.close() again from inside this hook).
  const cleanup = startSignInCleanup(db, auth, config.CLEANUP_INTERVAL_MINUTES * 60_000, app.log);
  // SQLite: a search backlog left open by an import's catch-up cut short is closed once the app is
  // ready, in the background (modules/imports/search-backlog.ts); requests are answered meanwhile.
  let catchUp: ReturnType<typeof startSearchCatchUp> | null = null;
  app.addHook('onReady', async () => {
    catchUp ??= startSearchCatchUp(db, app.log);
  });
  // Once listening (never for app.inject alone), the figures the dashboard opens on are counted
  // before its first visitor asks (http/warm-up.ts); /readyz says "warming up" meanwhile.
  // Then, every WARM_UP_POLL_SECONDS, a change of the data version or of the day that held still
  // for a poll is warmed up again (http/warm-up-watch.ts).
  let watch: WarmUpWatch | null = null;
  let closing = false;
  if (config.WARM_UP && documents.size > 0)
    app.addHook('onListen', (done) => {
      const watched = {
        year: DEFAULT_PLAN_YEAR,
        readVersion: () => versions.current(),
        log: app.log,
      };
      // Read as the warm-up starts: a write committed while it runs is a change to warm up again.
      const counted = dashboardState(watched).then(
        (state) => state.key,
        () => 'unknown',
      );
      void startWarmUp(app, db, documents, { year: DEFAULT_PLAN_YEAR }).then(async () => {
        const state = await counted;
        if (config.WARM_UP_POLL_SECONDS > 0 && !closing)
          watch = watchForChanges(
            app,
            db,
            documents,
            watched,
            state,
            config.WARM_UP_POLL_SECONDS * 1000,
          );
      });
      done();
    });
  app.addHook('onClose', async () => {
    closing = true;
    await watch?.stop();
    await catchUp?.stop();
    await cleanup.stop();
    await apollo.stop();
    detachFigureCache(db, figures);
    await figures.close();
    await redis?.quit().catch(() => undefined);
    // After shutdown's abortRunningImports (or with none running): the worker's connection closes.
    await stopImportWorker(db);
    if (ownOrm) await db.close(true);
  });
  return app;
}

/** Trust the `hops` nearest proxies: X-Forwarded-For is read from the right, `hops` entries deep. */
const trustHops =
  (hops: number) =>
  (_address: string, hop: number): boolean =>
    hop < hops;

async function serveDashboard(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(resolve(root, 'index.html'))) {
    throw new Error(
      `WEB_DIST=${root} has no index.html; build the dashboard first (pnpm --filter @ocop/web build).`,
    );
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    // Our own Cache-Control per file (http/static.ts) instead of the plugin's max-age=0.
    cacheControl: false,
    setHeaders: setStaticCacheHeaders,
  });
  const preloadedPage = loadPagePreloads(root);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = API_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
    const wantsPage = request.method === 'GET' && !/\.[a-z0-9]+$/i.test(path);
    if (!isApi && wantsPage) {
      reply.type('text/html; charset=utf-8').header('cache-control', HTML_CACHE_CONTROL);
      const page = preloadedPage(path);
      if (!page) return reply.sendFile('index.html');
      reply.header('etag', page.etag);
      if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
      return reply.send(page.html);
    }
    return reply.code(404).send({ error: 'Not Found', path });
  });
}
