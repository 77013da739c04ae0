// Periodic clean-up of sign-in state (issue 11, point 9): sessions that can no longer be used
// (expired or revoked: resolveViewer refuses them anyway), throttle counters quiet for longer
// than the window (throttle.ts deleteStaleThrottles), and mutations' idempotency keys older than
// `idempotencyKeyHours` (audit/run-write.ts: a client retries a write within minutes, not days;
// after the deletion the same key is a new write). Without it these tables only grow. The audit
// log is not touched: its failed sign-in records and writes are the history.
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { AuthSettings } from '../../graphql/context.js';
import { IdempotencyKey } from '../audit/idempotency-key.entity.js';
import { Session } from './session.entity.js';
import { deleteStaleThrottles } from './throttle.js';

export interface CleanupResult {
  sessions: number;
  throttles: number;
  idempotencyKeys: number;
}

/**
 * Deletes dead sessions, stale throttle counters and old idempotency keys as of `now`; returns
 * how many of each.
 */
export async function cleanUpSignInState(
  em: EntityManager,
  settings: AuthSettings,
  now = new Date(),
): Promise<CleanupResult> {
  const sessions = await em.nativeDelete(Session, {
    $or: [{ expiresAt: { $lte: now } }, { revokedAt: { $ne: null } }],
  });
  const throttles = await deleteStaleThrottles(em, settings, now.getTime());
  const idempotencyKeys = await em.nativeDelete(IdempotencyKey, {
    createdAt: { $lt: new Date(now.getTime() - settings.idempotencyKeyHours * 3_600_000) },
  });
  return { sessions, throttles, idempotencyKeys };
}

/**
 * Runs the clean-up every `intervalMs` (first run one interval after start; the timer does not
 * keep the process alive). `stop` clears the timer and waits for a run in progress.
 */
export function startSignInCleanup(
  db: MikroORM,
  settings: AuthSettings,
  intervalMs: number,
  log: {
    info(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
  },
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = cleanUpSignInState(db.em.fork(), settings)
      .then((removed) => {
        if (removed.sessions || removed.throttles || removed.idempotencyKeys)
          log.info(
            { removed },
            'deleted expired sessions, stale sign-in counters and old idempotency keys',
          );
      })
      .catch((err: unknown) => log.error({ err }, 'sign-in clean-up failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
