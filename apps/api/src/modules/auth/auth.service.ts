// Sign-in, sign-out and password change. Unknown email and wrong password give the same
// INVALID_CREDENTIALS after the same argon2 work; failures are throttled and audit-logged.
import type { GraphQLContext } from '../../graphql/context.js';
import { appendAudit, runWrite } from '../audit/run-write.js';
import { normalizeEmail } from '../users/user-binding.js';
import { User as UserEntity } from '../users/user.entity.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import { createSession, revokeSessionsOf } from './session.repository.js';
import { Session } from './session.entity.js';
import {
  confirmFailure,
  confirmSuccess,
  invalidCredentials,
  recordRefusal,
  reserveAttempt,
  tooManyAttempts,
  type Reservation,
} from './throttle.js';

/** A new session and who holds it. */
export interface SignInShape {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

type Granted = Extract<Reservation, { granted: true }>;

/**
 * Counts the attempt before any password is checked (throttle.ts). A refused attempt adds to the
 * key's aggregated audit record and throws TOO_MANY_ATTEMPTS; a granted one is returned.
 */
async function countAttemptOrRefuse(
  ctx: GraphQLContext,
  action: string,
  email: string,
): Promise<Granted> {
  const reservation = await reserveAttempt(ctx.em, ctx.auth, email, ctx.viewer.ip);
  if (reservation.granted) return reservation;
  await recordRefusal(ctx, `${action}.throttled`, email, reservation.key);
  throw tooManyAttempts(reservation.retryAfterSeconds);
}

/** Commits a failed credential check (the throttle's delay + one audit record), then throws. */
async function failSignIn(
  ctx: GraphQLContext,
  action: string,
  email: string,
  user: UserEntity | null,
  granted: Granted,
): Promise<never> {
  await ctx.em.transactional(async (tx) => {
    await confirmFailure(tx, ctx.auth, email, ctx.viewer.ip, granted);
    appendAudit(
      tx,
      ctx,
      { action, recordType: 'User', actor: { id: null, email } },
      {
        recordId: user?.id ?? null,
        after: { reason: 'invalid_credentials', ip: ctx.viewer.ip, attempt: granted.emailAttempt },
      },
    );
  });
  throw invalidCredentials();
}

/** signIn: counts the attempt first, then checks the password; a new session on success. */
export async function signIn(
  ctx: GraphQLContext,
  emailInput: string,
  password: string,
): Promise<SignInShape> {
  const email = normalizeEmail('email', emailInput, false).slice(0, 254);
  const granted = await countAttemptOrRefuse(ctx, 'signIn', email);
  const user = await ctx.em.findOne(UserEntity, { email });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!ok || !user || !user.active) {
    return failSignIn(ctx, 'signIn.failed', email, user, granted);
  }
  return runWrite(
    ctx,
    { action: 'signIn', recordType: 'Session', actor: { id: user.id, email: user.email } },
    async (tx) => {
      await confirmSuccess(tx, email, ctx.viewer.ip);
      const { token, session } = createSession(tx, tx.merge(user), ctx.auth.sessionHours);
      return {
        result: { token, expiresAt: session.expiresAt, user },
        audit: () => ({
          recordId: session.id,
          after: {
            sessionId: session.id,
            userId: user.id,
            expiresAt: session.expiresAt,
            ip: ctx.viewer.ip,
          },
        }),
      };
    },
  );
}

/** signOut: revokes the current session token. */
export function signOut(ctx: GraphQLContext): Promise<boolean> {
  return runWrite(ctx, { action: 'signOut', recordType: 'Session' }, async (tx) => {
    // One conditional UPDATE: parallel sign-outs of one token all read it open, and each wrote
    // its own audit record; only the one that revokes it is recorded (the others: written false).
    const id = ctx.viewer.sessionId!;
    const revokedAt = new Date();
    const revoked = await tx.nativeUpdate(Session, { id, revokedAt: null }, { revokedAt });
    return {
      result: true,
      written: revoked > 0,
      audit: () => ({ recordId: id, after: { revokedAt } }),
    };
  });
}

/** changePassword: checks the current password (throttled like signIn), revokes every session. */
export async function changePassword(
  ctx: GraphQLContext,
  currentPassword: string,
  newPassword: string,
): Promise<boolean> {
  const me = ctx.viewer.user!;
  checkPasswordPolicy('newPassword', newPassword);
  const granted = await countAttemptOrRefuse(ctx, 'changePassword', me.email);
  const user = await ctx.em.findOneOrFail(UserEntity, me.id);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    return failSignIn(ctx, 'changePassword.failed', me.email, user, granted);
  }
  const passwordHash = await hashPassword(newPassword);
  return runWrite(ctx, { action: 'changePassword', recordType: 'User' }, async (tx) => {
    const target = await tx.findOneOrFail(UserEntity, me.id);
    const before = { version: target.version };
    target.passwordHash = passwordHash;
    const revoked = await revokeSessionsOf(tx, me.id);
    await confirmSuccess(tx, me.email, ctx.viewer.ip);
    return {
      result: true,
      audit: () => ({
        recordId: me.id,
        before,
        after: { version: target.version, sessionsRevoked: revoked },
      }),
    };
  });
}
