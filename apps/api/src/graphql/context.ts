// Per-request GraphQL context: one forked EntityManager (typed for SQL, so services can build
// queries without casts) and the DataLoaders bound to it, plus who is asking. A fork per request
// keeps one request's identity map from leaking into another. Built by server.ts for HTTP
// requests and by tests directly.
import type { EntityManager as CoreEntityManager, MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { todayInVietnam } from '@ocop/domain';
import type { Role } from '../modules/users/user.entity.js';
import { sqlEntityManager } from '../db/orm.js';
import type { FigureCache } from '../cache/figure-cache.js';
import { figureCacheOf } from '../cache/registry.js';
import { createLoaders, type Loaders } from './loaders.js';
import { createMemo, type Memo } from './memo.js';
import type { RowBounds } from './pagination.js';

/** The signed-in user as the session found them (re-read from the database on every request). */
export interface SessionUser {
  id: number;
  email: string;
  role: Role;
  departmentCode: string | null;
  unitCode: string | null;
}

export interface Viewer {
  /** Null for anonymous requests (no, expired or revoked token). */
  user: SessionUser | null;
  sessionId: number | null;
  /** Client address (Fastify's request.ip: X-Forwarded-For only from TRUST_PROXY). */
  ip: string;
}

/** Sign-in and upload settings from config.ts. */
export interface AuthSettings {
  sessionHours: number;
  windowMinutes: number;
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  /** Per-email delay after the free attempts: doubles from base to max (seconds). */
  delayBaseSeconds: number;
  delayMaxSeconds: number;
  importMaxBytes: number;
  /** Idempotency keys older than this are deleted by the periodic clean-up (auth/cleanup.ts). */
  idempotencyKeyHours: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = Object.freeze({
  sessionHours: 12,
  windowMinutes: 15,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 20,
  delayBaseSeconds: 1,
  delayMaxSeconds: 60,
  importMaxBytes: 2 * 1024 * 1024,
  idempotencyKeyHours: 24,
});

/** The request logger (Fastify's pino child in the server; silent in direct tests). */
export interface RequestLog {
  info(obj: object, msg?: string): void;
}

export interface GraphQLContext {
  em: EntityManager;
  loaders: Loaders;
  viewer: Viewer;
  /** "Today" for as-of defaults, fixed once per request so one response is consistent. */
  today: string;
  requestId: string;
  /** The client's own x-request-id when well-formed (http/logging.ts), kept beside ours. */
  clientRequestId: string | null;
  /** Per-request cache of expensive loads (plan facts). */
  memo: Memo;
  /** Cross-request cache of computed figures, keyed by the data version (cache/figure-cache.ts). */
  figures: FigureCache;
  auth: AuthSettings;
  log: RequestLog;
  /** Rows per connection table, read only when a request's cost must be re-measured (pagination.ts). */
  rowBounds: RowBounds | null;
}

export const ANONYMOUS: Viewer = Object.freeze({ user: null, sessionId: null, ip: 'local' });

const SILENT: RequestLog = { info: () => undefined };

export function createContext(
  orm: MikroORM,
  options: {
    viewer?: Viewer;
    requestId?: string;
    clientRequestId?: string | null;
    today?: string;
    auth?: AuthSettings;
    log?: RequestLog;
    em?: CoreEntityManager;
    figures?: FigureCache;
  } = {},
): GraphQLContext {
  const em = sqlEntityManager(options.em ?? orm.em.fork());
  return {
    em,
    loaders: createLoaders(em),
    viewer: options.viewer ?? ANONYMOUS,
    // Today in An Giang (UTC+7), the same rule as the web: a decision dated today counts today.
    today: options.today ?? todayInVietnam(),
    requestId: options.requestId ?? 'local',
    clientRequestId: options.clientRequestId ?? null,
    memo: createMemo(),
    figures: options.figures ?? figureCacheOf(orm),
    auth: options.auth ?? DEFAULT_AUTH_SETTINGS,
    log: options.log ?? SILENT,
    rowBounds: null,
  };
}
