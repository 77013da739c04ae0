import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';

/**
 * A sign-in session. Only the sha256 of the bearer token is stored, so a leaked database does not
 * leak usable tokens. Revoked on sign-out, and all of a user's sessions on password change.
 */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: {
    id: p.integer().primary(),
    tokenHash: p.string().length(64).unique(),
    user: () => p.manyToOne(User).ref().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().index(),
    revokedAt: p.datetime().nullable(),
  },
});
export type Session = InferEntity<typeof Session>;
