// Rate limiting of the API (issue 11, point 8). Only the routes that run GraphQL are counted
// (POST/GET /graphql and the data endpoints, which execute the views' GraphQL operations): the
// dashboard's HTML and files, /healthz and /readyz never are, so a cold page load (8–17 files)
// costs nothing and a client over its budget still gets the page.
//
// One budget per key and minute: a signed-in user is counted by user id (all their sessions and
// addresses together, RATE_LIMIT_PER_USER_PER_MINUTE), everyone else by client address
// (RATE_LIMIT_PER_MINUTE; IPv6 by its /64, which one household or office usually holds). The
// client address is Fastify's request.ip, so behind a load balancer TRUST_PROXY must name it,
// or every user shares the balancer's budget. With REDIS_URL the counters live in Redis and every
// API process shares them; without, each process counts alone.
//
// Over the budget: 429 with Retry-After and a GraphQL error body (code RATE_LIMITED, both
// languages, extensions.retryAfterSeconds), which the dashboard shows and retries after.
import { isIP } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { Redis } from 'ioredis';
import type { Viewer } from '../graphql/context.js';
import { API_ERROR_CODES } from '../graphql/errors.js';

export interface RateLimitSettings {
  perIpPerMinute: number;
  perUserPerMinute: number;
  /** Shared counters; null: this process's memory. */
  redis: Redis | null;
  redisPrefix: string;
}

/** A 429 raised by the limiter, turned into a GraphQL error body by http/error-bodies.ts. */
export class RateLimited extends Error {
  readonly statusCode = 429;
  readonly code = API_ERROR_CODES.RATE_LIMITED;
  constructor(
    readonly limit: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`Too many requests: at most ${limit} per minute. Try again in ${retryAfterSeconds} s.`);
  }

  messages(): { en: string; vi: string } {
    const n = this.retryAfterSeconds;
    return {
      en: `Too many requests: at most ${this.limit} per minute. Try again in ${n} ${n === 1 ? 'second' : 'seconds'}.`,
      vi: `Quá nhiều yêu cầu: tối đa ${this.limit} yêu cầu mỗi phút. Vui lòng thử lại sau ${n} giây.`,
    };
  }
}

/** The first 64 bits of an IPv6 address (one subscriber's prefix); other addresses unchanged. */
export function addressKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const lower = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = lower.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = lower.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [
    ...headParts,
    ...Array<string>(Math.max(0, 8 - headParts.length - tailParts.length)).fill('0'),
    ...tailParts,
  ];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The key a request is counted under: `user:<id>` when signed in, else `ip:<address>`. */
export async function rateLimitKey(
  request: FastifyRequest,
  viewerOf: (request: FastifyRequest) => Promise<Viewer>,
): Promise<string> {
  try {
    const viewer = await viewerOf(request);
    if (viewer.user) return `user:${viewer.user.id}`;
  } catch {
    // The database did not answer: count by address; the request itself reports the failure.
  }
  return `ip:${addressKey(request.ip)}`;
}

/**
 * Registers the limiter (no route is limited by default) and returns the onRequest hook the
 * API routes put on themselves; every route using it shares one budget per key.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  settings: RateLimitSettings,
  viewerOf: (request: FastifyRequest) => Promise<Viewer>,
): Promise<onRequestHookHandler> {
  await app.register(rateLimit, {
    global: false,
    timeWindow: 60_000,
    max: (_req, key) =>
      key.startsWith('user:') ? settings.perUserPerMinute : settings.perIpPerMinute,
    keyGenerator: (request) => rateLimitKey(request, viewerOf),
    ...(settings.redis ? { redis: settings.redis, nameSpace: settings.redisPrefix } : {}),
    // Redis down: serve the request rather than refuse everyone (the limit is a guard rail,
    // not a lock); the error is logged below.
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) =>
      new RateLimited(ctx.max, Math.max(1, Math.ceil(ctx.ttl / 1000))),
  });
  return app.rateLimit();
}

/** A Redis client for the shared counters, or null (REDIS_URL empty). Connects at start. */
export async function connectRateLimitRedis(
  url: string | undefined,
  log: { error(obj: object, msg: string): void },
): Promise<Redis | null> {
  if (!url) return null;
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail a command fast instead of queueing it while Redis is away (skipOnError serves the
    // request meanwhile); ioredis keeps reconnecting in the background.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
  redis.on('error', (err: Error) => log.error({ err }, 'rate-limit Redis error'));
  try {
    await redis.connect();
  } catch (err) {
    log.error({ err }, 'rate-limit Redis unreachable at start; counting continues once it answers');
  }
  return redis;
}
