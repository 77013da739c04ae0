/**
 * Data endpoints of the published views (issue 13, point 3) and the embed page (point 2), as one
 * Fastify plugin:
 * - GET `/<view>/data.csv`, `/<view>/data.json`, `/<view>/metadata.json` with the permalink's
 *   query (`/figures/data.csv?measure=…&asOf=…`). CSV: UTF-8 with BOM, data only. JSON: the same
 *   table plus the metadata. Each executes the view's GraphQL operation (data-views.ts) against
 *   the schema with a normal request context, so the numbers are the API's, not a second query;
 *   a list (the products) is read page after page and written whole.
 *   Responses are cacheable (Cache-Control, ETag, 304).
 * - GET `/embed/<view>`: the dashboard's second entry (embed.html) with `frame-ancestors *`, so a
 *   newspaper can put one figure in an <iframe>; every other page keeps helmet's
 *   `frame-ancestors 'self'` and X-Frame-Options.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { ApolloServer } from '@apollo/server';
import { createContext, type AuthSettings, type GraphQLContext } from '../graphql/context.js';
import { httpStatusForCode } from '../graphql/http-status.js';
import { buildCsv } from './csv.js';
import { DATA_VIEWS, type DataView, type ViewMetadata, type ViewTable } from './data-views.js';
import type { Lang } from './view-params.js';

export interface DataEndpointsOptions {
  db: MikroORM;
  /** The server's Apollo instance: same schema, plugins and limits as POST /graphql. */
  apollo: ApolloServer<GraphQLContext>;
  auth?: AuthSettings;
  /** The built dashboard (apps/web/dist); without it /embed/* answers 404. */
  webDist?: string | null;
  /** The API's rate limit (http/rate-limit.ts): these endpoints run GraphQL and share its budget. */
  rateLimited?: onRequestHookHandler;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Five minutes: the data changes with imports and decisions, not by the second. */
const CACHE_CONTROL = 'public, max-age=300';
const SITE_NAME = 'OCOP Monitor — An Giang';
/**
 * Pages of a paged view (the products list) one request may read: 50 × 100 rows, ten times the
 * products a province records, so a runaway list cannot hold the server; metadata.coverage
 * gives the rows written beside the list's total.
 */
const MAX_PAGES = 50;

export const EMBED_VIEWS = ['figures'] as const;

export async function dataEndpoints(
  app: FastifyInstance,
  options: DataEndpointsOptions,
): Promise<void> {
  for (const view of DATA_VIEWS) registerView(app, options, view as DataView<{ lang: Lang }>);
  registerEmbed(app, options.webDist ?? null);
}

function registerView(
  app: FastifyInstance,
  options: DataEndpointsOptions,
  view: DataView<{ lang: Lang }>,
): void {
  const limited = options.rateLimited ? { onRequest: options.rateLimited } : {};
  async function run(request: FastifyRequest, reply: FastifyReply) {
    const ctx = createContext(options.db, {
      requestId: request.id,
      auth: options.auth,
      log: request.log,
    });
    const params = view.params(request.query as Record<string, unknown>, ctx.today);
    const pages: Record<string, unknown>[] = [];
    let variables: Record<string, unknown> | null = view.variables(params);
    while (variables && pages.length < MAX_PAGES) {
      const response = await options.apollo.executeOperation(
        { query: view.operation, variables },
        { contextValue: ctx },
      );
      const result =
        response.body.kind === 'single' ? response.body.singleResult : { errors: undefined };
      if (result.errors?.length || !('data' in result) || !result.data) {
        const errors = (result.errors ?? []).map((e) => ({
          message: e.message,
          field: (e.extensions as Record<string, unknown> | undefined)?.field,
        }));
        // The same code → status mapping as /graphql (graphql/http-status.ts).
        const status = httpStatusForCode(result.errors?.[0]?.extensions?.code);
        void reply.code(status).send({ error: STATUS_NAMES[status] ?? 'Error', errors });
        return null;
      }
      const page = result.data as Record<string, unknown>;
      pages.push(page);
      variables = view.nextPage?.(page, variables) ?? null;
    }
    const data = view.joinPages ? view.joinPages(pages) : pages[0]!;
    if (view.found && !view.found(data)) {
      void reply.code(404).send({ error: 'Not Found', message: 'No plan for this year.' });
      return null;
    }
    const origin = `${request.protocol}://${request.host}`;
    const dashboardPath = view.path === '/overview' ? '/' : view.path;
    const metadata: ViewMetadata = {
      view: view.path.slice(1),
      language: params.lang,
      ...view.metadata(data, params),
      permalink: `${origin}${dashboardPath}?${view.permalinkQuery(params).toString()}`,
    };
    return { table: view.table(data, params), metadata, stem: view.fileStem(params) };
  }

  app.get(`${view.path}/data.csv`, limited, async (request, reply) => {
    const out = await run(request, reply);
    if (!out) return reply;
    const body = buildCsv([out.table.columns, ...out.table.rows, ...(out.table.footer ?? [])]);
    // Before the answer is sent: a header set after send() may miss the response.
    void reply.header('content-disposition', `attachment; filename="${out.stem}.csv"`);
    return cacheable(request, reply, body, 'text/csv; charset=utf-8');
  });
  app.get(`${view.path}/data.json`, limited, async (request, reply) => {
    const out = await run(request, reply);
    if (!out) return reply;
    const body = JSON.stringify({ ...out.metadata, site: SITE_NAME, ...tableJson(out.table) });
    return cacheable(request, reply, body, 'application/json; charset=utf-8');
  });
  app.get(`${view.path}/metadata.json`, limited, async (request, reply) => {
    const out = await run(request, reply);
    if (!out) return reply;
    const body = JSON.stringify({ ...out.metadata, site: SITE_NAME });
    return cacheable(request, reply, body, 'application/json; charset=utf-8');
  });
}

function tableJson(table: ViewTable): ViewTable {
  return {
    columns: table.columns,
    rows: table.rows,
    footer: table.footer ?? [],
    apart: table.apart ?? [],
  };
}

/** Sends `body` with Cache-Control and a strong ETag; answers 304 when the client has it. */
function cacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string,
  type: string,
): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  void reply.header('cache-control', CACHE_CONTROL).header('etag', etag).type(type);
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.send(body);
}

function registerEmbed(app: FastifyInstance, webDist: string | null): void {
  const file = webDist ? resolve(webDist, 'embed.html') : null;
  app.get('/embed/*', async (_request, reply) => {
    if (!file || !existsSync(file)) return reply.code(404).send({ error: 'Not Found' });
    // helmet set its headers in onRequest; only this page may be framed by other sites.
    const csp = String(reply.getHeader('content-security-policy') ?? '');
    if (csp) {
      void reply.header(
        'content-security-policy',
        /frame-ancestors [^;]*/.test(csp)
          ? csp.replace(/frame-ancestors [^;]*/, 'frame-ancestors *')
          : `${csp};frame-ancestors *`,
      );
    }
    reply.removeHeader('x-frame-options');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(readFileSync(file, 'utf8'));
  });
}
