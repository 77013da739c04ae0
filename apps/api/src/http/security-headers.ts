// Security headers (helmet) on every answer. Built once: @fastify/helmet builds helmet's middleware
// (re-parsing the Content-Security-Policy) on every request, which cost more CPU than a whole
// cached GET-by-id answer. The headers are the same as with that plugin's global registration;
// routes that need others (the embed page, data-endpoints.ts) change them afterwards.
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export function registerSecurityHeaders(app: FastifyInstance): void {
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
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (err) => done(err as Error | undefined));
  });
}
