// CORS for the public read API (issue 11, point 10). Any web page may read the API anonymously:
// `Access-Control-Allow-Origin: *`, no credentials, and `Authorization` is not an allowed request
// header, so a browser will not send a token from another site. Signed-in requests cross-origin
// only from the dashboard's origin(s) (DASHBOARD_ORIGIN): the origin is echoed, the
// `Authorization` header allowed, credentials allowed. Same-origin requests (the dashboard served
// by this API) need no CORS at all. Only the API routes answer CORS; pages and files do not.
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Request headers a client of the API may send (besides the CORS-safelisted ones). */
const PUBLIC_HEADERS = ['content-type', 'apollo-require-preflight', 'x-apollo-operation-name'];
/** Response headers a cross-origin script may read. */
const EXPOSED_HEADERS = ['retry-after', 'x-request-id'];
/** Browsers may keep a preflight answer this long (s). */
const PREFLIGHT_MAX_AGE = 600;

/** Paths that answer CORS: the GraphQL endpoint and the data endpoints (/<view>/data.csv …). */
export function isApiPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === '/graphql' || /^\/[a-z-]+\/(data\.csv|data\.json|metadata\.json)$/.test(path);
}

export async function registerCors(
  app: FastifyInstance,
  dashboardOrigins: readonly string[],
): Promise<void> {
  const base = {
    methods: ['GET', 'POST'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
  };
  const none = { origin: false } as const;
  const anyone = { ...base, origin: '*', credentials: false, allowedHeaders: PUBLIC_HEADERS };
  await app.register(cors, {
    hideOptionsRoute: true,
    // The callback form: no promise per request (most requests carry no Origin at all).
    delegator: (request: FastifyRequest, callback) => {
      const origin = request.headers.origin;
      if (!origin || !isApiPath(request.url)) return callback(null, none);
      if (dashboardOrigins.includes(origin))
        return callback(null, {
          ...base,
          origin,
          credentials: true,
          allowedHeaders: [...PUBLIC_HEADERS, 'authorization'],
        });
      return callback(null, anyone);
    },
  });
}
