// Security headers (helmet) on every answer. Built once: @fastify/helmet builds helmet's middleware
// (re-parsing the Content-Security-Policy) on every request, which cost more CPU than a whole
// cached GET-by-id answer. Helmet's headers here depend on nothing in the request (no nonce), so
// its middleware runs once, at start, against a recording response, and each request only sets
// the recorded headers (a cached answer's path is a few header writes longer than /healthz, not a
// chain of eleven middlewares). The headers are the same as with that plugin's global
// registration; routes that need others (the embed page, data-endpoints.ts) change them afterwards.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** The headers helmet sets, in its order (it only sets and removes headers, whatever the request). */
export function securityHeaders(): [string, string | number | readonly string[]][] {
  const apply = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'upgrade-insecure-requests': null,
      },
    },
    // The explorer and the dashboard are same-origin; nothing here is meant to be embedded.
    crossOriginEmbedderPolicy: false,
  });
  const headers = new Map<string, string | number | readonly string[]>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), value);
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
    getHeader(name: string) {
      return headers.get(name.toLowerCase());
    },
  };
  let failure: unknown = null;
  apply(
    { headers: {}, method: 'GET', url: '/' } as IncomingMessage,
    recorder as unknown as ServerResponse,
    (err?: unknown) => {
      failure = err ?? null;
    },
  );
  if (failure) throw failure as Error;
  if (headers.size === 0) throw new Error('helmet set no header synchronously');
  return [...headers];
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
}
