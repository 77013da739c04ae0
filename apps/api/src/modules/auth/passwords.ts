// argon2id password hashing (OWASP 2023 minimum: m=19 MiB, t=2, p=1).
import { hash, verify, type Options } from '@node-rs/argon2';
import { validationFailed } from '../../graphql/errors.js';

// Algorithm.Argon2id (also the package's default); the package declares `Algorithm` as an ambient
// const enum, which isolatedModules cannot read, so the value is written out (a numeric enum type
// accepts its members' numbers).
const ARGON2ID: NonNullable<Options['algorithm']> = 2;
const OPTIONS: Readonly<Options> = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. Without a hash (unknown email) it verifies against a dummy hash so an
 * unknown email costs the same time as a wrong password: no user enumeration by timing.
 */
export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  dummyHash ??= hashPassword('not-a-real-password-only-for-timing');
  const target = passwordHash ?? (await dummyHash);
  const ok = await verify(target, password).catch(() => false);
  return passwordHash !== null && ok;
}

/** Password policy: 10–200 characters, not only spaces. */
export function checkPasswordPolicy(field: string, password: string): void {
  if (password.trim().length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw validationFailed(field, {
      en: `The password must have ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters.`,
      vi: `Mật khẩu phải có từ ${PASSWORD_MIN_LENGTH} đến ${PASSWORD_MAX_LENGTH} ký tự.`,
    });
  }
}
