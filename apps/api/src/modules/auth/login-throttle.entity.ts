import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Sign-in throttle counters, one row per key ("email:<email>" or "ip:<address>"), kept in the
 * database so they hold across processes and restarts. Times are epoch milliseconds (integers
 * compare the same way on both dialects). Written only by throttle.ts, with single UPDATE
 * statements so concurrent attempts are counted one by one.
 */
export const LoginThrottle = defineEntity({
  name: 'LoginThrottle',
  tableName: 'login_throttle',
  properties: {
    throttleKey: p.string().length(300).primary(),
    /** Attempts counted since the last reset: failures plus checks still running. */
    attempts: p.integer(),
    /** When the last attempt was counted (ms); older than the window means "start afresh". */
    lastAt: p.bigint('number'),
    /** Earliest time (ms) a further attempt is accepted once `attempts` reached the free allowance. */
    nextAt: p.bigint('number'),
    /** Attempts refused since the last reset (aggregated in one audit record). */
    refused: p.integer(),
    /** The audit record counting the refused attempts of this window. */
    refusedAuditId: p.integer().nullable(),
  },
});
export type LoginThrottle = InferEntity<typeof LoginThrottle>;
