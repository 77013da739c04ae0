// The only module that reads process.env. Every setting is validated at start so a typo in the
// environment fails fast with the variable's name instead of surfacing later as odd behaviour.
import { isIP } from 'node:net';
import { z } from 'zod';

const boolFromEnv = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const ConfigFields = z.object({
  /** postgres://… selects PostgreSQL; empty selects the embedded SQLite file. */
  DATABASE_URL: z
    .string()
    .optional()
    .refine(
      (v) => !v || /^postgres(ql)?:\/\//.test(v) || v.startsWith('file:') || v.endsWith('.sqlite'),
      {
        message: 'must be a postgres:// URL, a file: URL or a path ending in .sqlite',
      },
    ),
  /** Path of the embedded SQLite file (used when DATABASE_URL is not a postgres URL). */
  SQLITE_PATH: z.string().default('ocop.sqlite'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the database with the real An Giang data when it is empty. */
  SEED: boolFromEnv.default(false),
  /** Generate clearly labelled sample activity records for the department views. */
  SAMPLE_ACTIVITIES: boolFromEnv.default(true),
  /**
   * After listening, compute the figures the dashboard opens on in the background, so the first
   * visitor after a start does not wait for a count of every fact (http/warm-up.ts).
   */
  WARM_UP: boolFromEnv.default(true),
  /**
   * With WARM_UP, seconds between two reads of the data version and the day; a change that held
   * still for one of them is warmed up again in the background (http/warm-up-watch.ts). 0: only
   * at start.
   */
  WARM_UP_POLL_SECONDS: z.coerce.number().nonnegative().default(2),
  /** Folder of the built dashboard to serve on the same port (empty: API only). */
  WEB_DIST: z.string().optional(),
  /** GraphQL guard rails. */
  GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(5000),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(10),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().positive().default(15),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(2000),
  /** /graphql requests per minute: per client address (anonymous) and per signed-in user. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(300),
  RATE_LIMIT_PER_USER_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Prefix of the rate-limit keys in Redis (REDIS_URL; one per deployment sharing a Redis). */
  RATE_LIMIT_REDIS_PREFIX: z.string().min(1).default('ocop:rate-limit:'),
  /**
   * Proxies in front of the API whose X-Forwarded-For is believed (Fastify `trustProxy`): a hop
   * count (1 = one load balancer) or a comma-separated list of addresses / CIDR ranges. Empty or
   * 0: none, the TCP peer is the client.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v ?? '');
      if (parsed === null)
        ctx.addIssue({
          code: 'custom',
          message: 'must be a hop count (0, 1, 2…) or a comma-separated list of IP addresses/CIDRs',
        });
      return parsed ?? false;
    }),
  /**
   * The dashboard's origin(s), comma-separated (e.g. https://ocop.angiang.gov.vn): the only web
   * origins allowed to send signed-in (Authorization) requests cross-origin. Anonymous reads are
   * open to every origin.
   */
  DASHBOARD_ORIGIN: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const origins = (v ?? '')
        .split(',')
        .map((o) => o.trim().replace(/\/$/, ''))
        .filter(Boolean);
      for (const o of origins)
        if (!/^https?:\/\/[^/\s]+$/.test(o))
          ctx.addIssue({
            code: 'custom',
            message: `"${o}" is not an origin (https://host[:port])`,
          });
      return origins;
    }),
  /**
   * How often expired or revoked sessions, stale sign-in counters and old idempotency keys are
   * deleted (minutes).
   */
  CLEANUP_INTERVAL_MINUTES: z.coerce.number().positive().default(60),
  /** How long a mutation's idempotency key replays its first result before it is deleted (hours). */
  IDEMPOTENCY_KEY_HOURS: z.coerce.number().positive().default(24),
  /** Sign-in: session lifetime, and the failed-attempt throttle (per email and per client address). */
  SESSION_HOURS: z.coerce.number().positive().default(12),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  /** After the free attempts, each further attempt for an email waits base·2^n seconds, at most max. */
  LOGIN_DELAY_BASE_SECONDS: z.coerce.number().positive().default(1),
  LOGIN_DELAY_MAX_SECONDS: z.coerce.number().positive().default(60),
  /**
   * The import worker's heap limit (V8 old generation, MB); empty: 384 on PostgreSQL, V8's
   * default on SQLite. Below its limit V8 collects sooner (a 100,000-row import grew the process
   * by 324 MiB without one, 227 MiB with 384); an import that needs more stops its worker (the
   * run is recorded as failed) instead of growing the process. Not for SQLite: a worker stopped
   * inside libSQL's native code can abort the whole process (import-thread.ts closeWorker).
   */
  IMPORT_WORKER_MAX_HEAP_MB: z.coerce.number().int().min(16).optional(),
  /** Largest decision-list upload accepted by importDecisionList (decoded bytes). */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  /**
   * How often the process that owns a running import writes its run's heartbeat_at (s). A run
   * still `running` whose heartbeat is older than IMPORT_STALE_SECONDS is from a process that
   * died (kill -9, power cut): it is recorded as aborted at the next start or import, on both
   * dialects (import.service.ts markKilledImportRuns). The threshold allows for heartbeats
   * delayed by an import's write lock on SQLite (its copy holds it for up to ~1.5 s).
   */
  IMPORT_HEARTBEAT_SECONDS: z.coerce.number().positive().default(10),
  IMPORT_STALE_SECONDS: z.coerce.number().positive().default(120),
  /**
   * PostgreSQL: statements longer than this are cancelled by the server (statement_timeout) and,
   * when the server does not answer at all, failed by the client a second later (ms).
   */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** PostgreSQL: opening a connection, or waiting for a free one in the pool, fails after this (ms). */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /**
   * SQLite: how long a write waits for another connection's write transaction (e.g. an import's
   * copy) before failing with SQLITE_BUSY (ms), STORAGE_UNAVAILABLE through the API. The API's
   * connections wait on timers, the event loop free; the import worker's inside SQLite, blocking
   * only its own thread (db/sqlite-connection.ts).
   */
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** /readyz answers 503 when the database check takes longer than this (ms). */
  READY_TIMEOUT_MS: z.coerce.number().int().positive().default(1_500),
  /** On SIGTERM, how long in-flight requests may run before their connections are cut (ms). */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * Redis for the figure cache and the rate-limit counters, shared by every API process
   * (redis://…); empty keeps both in each process's memory.
   */
  REDIS_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^rediss?:\/\//.test(v), {
      message: 'must be a redis:// or rediss:// URL',
    }),
  /** Prefix of every cache key (several deployments may share one Redis). */
  CACHE_PREFIX: z.string().default('ocop:'),
  /** Size of the in-process figure cache (MiB) when REDIS_URL is not set. */
  CACHE_MAX_MB: z.coerce.number().positive().default(64),
  /**
   * The trusted documents accepted by id over GET /graphql (Apollo's persisted query manifest
   * format); default: the dashboard's, apps/web/persisted-queries.json. `none` turns GET by id off.
   */
  PERSISTED_QUERIES: z.string().optional(),
  /** `max-age` of a public GET-by-id answer (s): 0 = every reuse revalidates its ETag. */
  PUBLIC_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(0),
  /** `s-maxage` for shared caches (reverse proxy, CDN) of those answers (s). */
  PUBLIC_S_MAXAGE_SECONDS: z.coerce.number().int().min(0).default(0),
  /** Password for `cli create-admin` when --password is not given (else it prompts). */
  OCOP_ADMIN_PASSWORD: z.string().optional(),
  /** PostgreSQL server used by tests and the migration generator for throwaway databases. */
  PG_URL: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
});

const ConfigSchema = ConfigFields.refine(
  // A live import whose heartbeats were delayed (a lock, a busy event loop) must not look dead.
  (c) => c.IMPORT_STALE_SECONDS > 3 * c.IMPORT_HEARTBEAT_SECONDS,
  { message: 'must be more than 3 × IMPORT_HEARTBEAT_SECONDS', path: ['IMPORT_STALE_SECONDS'] },
);

/** TRUST_PROXY → Fastify's trustProxy: false, a hop count or a list of addresses/CIDRs; null if invalid. */
export function parseTrustProxy(value: string): false | number | string[] | null {
  const v = value.trim();
  if (v === '' || v === '0' || v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim());
  const valid = entries.every((e) => {
    const [address, prefix, ...rest] = e.split('/');
    if (rest.length || !address || isIP(address) === 0) return false;
    if (prefix === undefined) return true;
    const max = isIP(address) === 4 ? 32 : 128;
    return /^\d+$/.test(prefix) && Number(prefix) <= max;
  });
  return valid ? entries : null;
}

export type AppConfig = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment (process.env by default) into a typed config, or throws naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Which database the config selects. */
export function databaseKind(config: AppConfig): 'postgresql' | 'libsql' {
  return config.DATABASE_URL && /^postgres(ql)?:\/\//.test(config.DATABASE_URL)
    ? 'postgresql'
    : 'libsql';
}
