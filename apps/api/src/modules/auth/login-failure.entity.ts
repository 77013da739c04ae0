import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One failed credential check, keyed "email:<email>" and "ip:<address>". Kept in the database
 * (not in memory) so throttling holds across processes and restarts.
 */
export const LoginFailure = defineEntity({
  name: 'LoginFailure',
  tableName: 'login_failure',
  indexes: [{ properties: ['key', 'at'] }],
  properties: {
    id: p.integer().primary(),
    key: p.string().length(300),
    at: p.datetime(),
  },
});
export type LoginFailure = InferEntity<typeof LoginFailure>;
