// Sign-in throttle, persisted in login_throttle so it holds across processes. Every attempt is
// COUNTED BEFORE its password is checked, by one conditional UPDATE per key inside one
// transaction, so parallel attempts cannot all slip past the limit (issue 11, point 4):
//   per email (any address): LOGIN_MAX_FAILURES_PER_EMAIL attempts are free; after that each
//     further attempt waits a delay that doubles with every failure (LOGIN_DELAY_BASE_SECONDS …
//     LOGIN_DELAY_MAX_SECONDS). No hard lock: someone failing from another address can make the
//     account's owner wait at most LOGIN_DELAY_MAX_SECONDS, never lock them out for the window.
//   per client address: LOGIN_MAX_FAILURES_PER_IP attempts per LOGIN_WINDOW_MINUTES, then refused
//     until the window has passed (this is what stops guessing across many accounts).
// A key's counts start afresh after a quiet window, and the email's on a successful sign-in.
// Refused attempts are not audited one by one: one audit record per key and window counts them.
import type { EntityManager } from '@mikro-orm/core';
import type { AuthSettings, GraphQLContext } from '../../graphql/context.js';
import { API_ERROR_CODES, apiError } from '../../graphql/errors.js';
import { AuditRecord } from '../audit/audit-record.entity.js';
import { appendAudit } from '../audit/run-write.js';
import { sqlEm } from '../shared/sql-em.js';

const emailKey = (email: string) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** While a counted check runs, the next attempt waits at most this long (a crash frees it). */
const CHECK_PENDING_MS = 60_000;

export type Reservation =
  | { granted: true; emailAttempt: number; ipAttempt: number }
  | { granted: false; key: string; retryAfterSeconds: number };

/** Delay before the attempt after the `attempt`-th one for an email (0 while attempts are free). */
export function emailDelayMs(settings: AuthSettings, attempt: number): number {
  if (attempt < settings.maxFailuresPerEmail) return 0;
  const doubled = settings.delayBaseSeconds * 2 ** (attempt - settings.maxFailuresPerEmail);
  return Math.min(doubled, settings.delayMaxSeconds) * 1000;
}

const windowMs = (settings: AuthSettings) => settings.windowMinutes * 60_000;

/**
 * Counts one attempt on `key` unless the key is closed. One UPDATE: concurrent attempts on the
 * same key queue on its row (PostgreSQL row lock, SQLite write lock) and see each other's counts.
 * Returns the attempt's number, or null when refused.
 */
async function countAttempt(
  em: EntityManager,
  key: string,
  free: number,
  now: number,
  stale: number,
): Promise<number | null> {
  const sql = sqlEm(em);
  await sql.execute(
    'insert into login_throttle (throttle_key, attempts, last_at, next_at, refused) values (?, 0, 0, 0, 0) on conflict (throttle_key) do nothing',
    [key],
    'run',
  );
  const fresh = 'last_at < ?';
  const rows = await sql.execute<{ attempts: number | string }[]>(
    `update login_throttle set
       refused = case when ${fresh} then 0 else refused end,
       refused_audit_id = case when ${fresh} then null else refused_audit_id end,
       attempts = case when ${fresh} then 1 else attempts + 1 end,
       next_at = case when (case when ${fresh} then 1 else attempts + 1 end) >= ? then ? else next_at end,
       last_at = ?
     where throttle_key = ? and (${fresh} or attempts < ? or next_at <= ?)
     returning attempts`,
    [stale, stale, stale, stale, free, now + CHECK_PENDING_MS, now, key, stale, free, now],
    'all',
  );
  return rows[0] ? Number(rows[0].attempts) : null;
}

async function retryAfterSeconds(em: EntityManager, key: string, now: number): Promise<number> {
  const rows = await sqlEm(em).execute<{ next_at: number | string }[]>(
    'select next_at from login_throttle where throttle_key = ?',
    [key],
    'all',
  );
  const nextAt = Number(rows[0]?.next_at ?? now);
  return Math.max(1, Math.ceil((nextAt - now) / 1000));
}

class Refused extends Error {
  constructor(readonly key: string) {
    super('refused');
  }
}

/**
 * Counts a sign-in attempt for `email` from `ip` before its password is checked: both keys in one
 * transaction, so a refusal on either counts nothing.
 */
export async function reserveAttempt(
  em: EntityManager,
  settings: AuthSettings,
  email: string,
  ip: string,
  now = Date.now(),
): Promise<Reservation> {
  const stale = now - windowMs(settings);
  try {
    return await em.transactional(async (tx) => {
      const ipAttempt = await countAttempt(tx, ipKey(ip), settings.maxFailuresPerIp, now, stale);
      if (ipAttempt === null) throw new Refused(ipKey(ip));
      const emailAttempt = await countAttempt(
        tx,
        emailKey(email),
        settings.maxFailuresPerEmail,
        now,
        stale,
      );
      if (emailAttempt === null) throw new Refused(emailKey(email));
      return { granted: true as const, emailAttempt, ipAttempt };
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return {
      granted: false,
      key: error.key,
      retryAfterSeconds: await retryAfterSeconds(em, error.key, now),
    };
  }
}

/** After a failed check: the next attempt waits the email's delay, or the address's window. */
export async function confirmFailure(
  em: EntityManager,
  settings: AuthSettings,
  email: string,
  ip: string,
  granted: { emailAttempt: number; ipAttempt: number },
  now = Date.now(),
): Promise<void> {
  const sql = sqlEm(em);
  const setNext = 'update login_throttle set next_at = ? where throttle_key = ?';
  if (granted.emailAttempt >= settings.maxFailuresPerEmail)
    await sql.execute(
      setNext,
      [now + emailDelayMs(settings, granted.emailAttempt), emailKey(email)],
      'run',
    );
  if (granted.ipAttempt >= settings.maxFailuresPerIp)
    await sql.execute(setNext, [now + windowMs(settings), ipKey(ip)], 'run');
}

/** After a successful check: the email starts afresh; the address gives back this attempt. */
export async function confirmSuccess(em: EntityManager, email: string, ip: string): Promise<void> {
  const sql = sqlEm(em);
  await sql.execute('delete from login_throttle where throttle_key = ?', [emailKey(email)], 'run');
  await sql.execute(
    'update login_throttle set attempts = attempts - 1 where throttle_key = ? and attempts > 0',
    [ipKey(ip)],
    'run',
  );
}

/**
 * Records a refused attempt in ONE audit record per key and window: the first refusal appends it,
 * later ones raise its `after.count` (the only audit record ever updated: a counter, so an
 * attacker cannot grow the log by one row per request).
 */
export async function recordRefusal(
  ctx: GraphQLContext,
  action: string,
  email: string,
  key: string,
  now = new Date(),
): Promise<void> {
  await ctx.em.transactional(async (tx) => {
    const sql = sqlEm(tx);
    const rows = await sql.execute<{ refused: number | string; refused_audit_id: unknown }[]>(
      'update login_throttle set refused = refused + 1 where throttle_key = ? returning refused, refused_audit_id',
      [key],
      'all',
    );
    if (!rows[0]) return;
    const count = Number(rows[0].refused);
    const after = (first: string) => ({
      reason: 'too_many_attempts',
      key: key.startsWith('ip:') ? 'ip' : 'email',
      count,
      firstAt: first,
      lastAt: now.toISOString(),
      lastIp: ctx.viewer.ip,
    });
    const auditId = rows[0].refused_audit_id == null ? null : Number(rows[0].refused_audit_id);
    const existing = auditId === null ? null : await tx.findOne(AuditRecord, auditId);
    if (existing) {
      const first = (JSON.parse(existing.after ?? '{}') as { firstAt?: string }).firstAt;
      existing.after = JSON.stringify(after(first ?? now.toISOString()));
      return;
    }
    const record = appendAudit(
      tx,
      ctx,
      { action, recordType: 'User', actor: { id: null, email } },
      { recordId: null, after: after(now.toISOString()) },
    );
    await tx.flush();
    await sql.execute(
      'update login_throttle set refused_audit_id = ? where throttle_key = ?',
      [record.id, key],
      'run',
    );
  });
}

/** Deletes counters quiet for longer than the window (the periodic clean-up); returns how many. */
export async function deleteStaleThrottles(
  em: EntityManager,
  settings: AuthSettings,
  now = Date.now(),
): Promise<number> {
  const result = await sqlEm(em).execute<{ affectedRows?: number }>(
    'delete from login_throttle where last_at < ? and next_at < ?',
    [now - windowMs(settings), now],
    'run',
  );
  return Number(result.affectedRows ?? 0);
}

export function tooManyAttempts(retryAfterSeconds: number) {
  return apiError(
    API_ERROR_CODES.TOO_MANY_ATTEMPTS,
    {
      en: `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`,
      vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
    },
    { retryAfterSeconds },
  );
}

export function invalidCredentials() {
  return apiError(API_ERROR_CODES.INVALID_CREDENTIALS, {
    en: 'Email or password is incorrect.',
    vi: 'Email hoặc mật khẩu không đúng.',
  });
}
