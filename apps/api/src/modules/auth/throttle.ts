// Failed sign-in throttle, persisted in login_failure so it holds across processes: more than
// LOGIN_MAX_FAILURES_PER_EMAIL failures for an email, or LOGIN_MAX_FAILURES_PER_IP from an address,
// within LOGIN_WINDOW_MINUTES → TOO_MANY_ATTEMPTS (checked before the password is).
import type { EntityManager } from '@mikro-orm/core';
import type { AuthSettings } from '../../graphql/context.js';
import { API_ERROR_CODES, apiError } from '../../graphql/errors.js';
import { LoginFailure } from './login-failure.entity.js';

const emailKey = (email: string) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;

export async function isThrottled(
  em: EntityManager,
  settings: AuthSettings,
  email: string,
  ip: string,
  now = new Date(),
): Promise<boolean> {
  const since = new Date(now.getTime() - settings.windowMinutes * 60_000);
  const [byEmail, byIp] = await Promise.all([
    em.count(LoginFailure, { key: emailKey(email), at: { $gt: since } }),
    em.count(LoginFailure, { key: ipKey(ip), at: { $gt: since } }),
  ]);
  return byEmail >= settings.maxFailuresPerEmail || byIp >= settings.maxFailuresPerIp;
}

export function recordFailure(
  em: EntityManager,
  email: string,
  ip: string,
  now = new Date(),
): void {
  em.create(LoginFailure, { key: emailKey(email), at: now });
  em.create(LoginFailure, { key: ipKey(ip), at: now });
}

/** A successful sign-in clears the email's failures (the address keeps its count). */
export async function clearEmailFailures(em: EntityManager, email: string): Promise<void> {
  await em.nativeDelete(LoginFailure, { key: emailKey(email) });
}

export function tooManyAttempts(settings: AuthSettings) {
  return apiError(API_ERROR_CODES.TOO_MANY_ATTEMPTS, {
    en: `Too many failed sign-ins. Wait ${settings.windowMinutes} minutes and try again.`,
    vi: `Đăng nhập sai quá nhiều lần. Vui lòng đợi ${settings.windowMinutes} phút rồi thử lại.`,
  });
}

export function invalidCredentials() {
  return apiError(API_ERROR_CODES.INVALID_CREDENTIALS, {
    en: 'Email or password is incorrect.',
    vi: 'Email hoặc mật khẩu không đúng.',
  });
}
