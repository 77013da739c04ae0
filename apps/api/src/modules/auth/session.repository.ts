// Sessions: opaque random bearer tokens, stored as sha256 so the database never holds a usable token.
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { SessionUser, Viewer } from '../../graphql/context.js';
import type { User } from '../users/user.entity.js';
import { Session } from './session.entity.js';

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** Creates a session in `em`'s unit of work and returns the plain token (shown once). */
export function createSession(
  em: EntityManager,
  user: User,
  hours: number,
  now = new Date(),
): { token: string; session: Session } {
  const token = randomBytes(32).toString('base64url');
  const session = em.create(Session, {
    tokenHash: hashToken(token),
    user,
    expiresAt: new Date(now.getTime() + hours * 3_600_000),
  });
  return { token, session };
}

/** Revokes every open session of a user; returns how many. */
export async function revokeSessionsOf(
  em: EntityManager,
  userId: number,
  now = new Date(),
): Promise<number> {
  return em.nativeUpdate(Session, { user: userId, revokedAt: null }, { revokedAt: now });
}

/** "Bearer <token>" → the viewer, or anonymous when missing, unknown, expired, revoked or the user is inactive. */
export async function resolveViewer(
  em: EntityManager,
  authorization: string | undefined,
  ip: string,
  now = new Date(),
): Promise<Viewer> {
  const anonymous: Viewer = { user: null, sessionId: null, ip };
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
  if (!match) return anonymous;
  const session = await em.findOne(
    Session,
    { tokenHash: hashToken(match[1]!), revokedAt: null, expiresAt: { $gt: now } },
    { populate: ['user', 'user.department', 'user.unit'] },
  );
  const user = session?.user.getEntity();
  if (!session || !user?.active) return anonymous;
  const sessionUser: SessionUser = {
    id: user.id,
    email: user.email,
    role: user.role,
    departmentCode: user.department?.getEntity().code ?? null,
    unitCode: user.unit?.getEntity().code ?? null,
  };
  return { user: sessionUser, sessionId: session.id, ip };
}
