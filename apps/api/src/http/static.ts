// Cache headers of the built dashboard: Vite names files under /assets by their content hash, so
// they never change and may be cached for a year ("immutable"); index.html names the current
// hashes, so browsers and CDNs must revalidate it on every visit ("no-cache").
import type { FastifyReply } from 'fastify';

export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const HTML_CACHE_CONTROL = 'no-cache';

/** @fastify/static's setHeaders: cache policy by file path. */
export function setStaticCacheHeaders(reply: FastifyReply, path: string): void {
  const normalised = path.replace(/\\/g, '/');
  reply.header(
    'cache-control',
    /\/assets\/[^/]+$/.test(normalised) ? ASSET_CACHE_CONTROL : HTML_CACHE_CONTROL,
  );
}
