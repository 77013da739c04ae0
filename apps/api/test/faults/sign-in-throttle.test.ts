// Fault: 30 parallel wrong passwords for one email (each from its own address, as a botnet would)
// must not all be checked. Attempts are counted before the password check, so at most
// LOGIN_MAX_FAILURES_PER_EMAIL (5) checks run; the rest are refused and counted in ONE audit record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { AuditRecord } from '../../src/modules/audit/audit-record.entity.js';
import { hashPassword } from '../../src/modules/auth/passwords.js';
import { User } from '../../src/modules/users/user.entity.js';
import { createTestApi, type TestApi } from '../api.js';
import { clientFor, emailOf, errorOf, PASSWORD, SIGN_IN } from '../auth-helpers.js';
import { DIALECTS } from '../db.js';

/** Users without unit or department (no seed needed). */
async function createActors(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  const passwordHash = await hashPassword(PASSWORD);
  for (const name of ['secretariat', 'admin', 'viewer'] as const)
    em.create(User, {
      email: emailOf(name),
      displayName: name,
      role: name,
      department: null,
      unit: null,
      passwordHash,
      active: true,
    });
  await em.flush();
}

describe.each(DIALECTS)('sign-in throttle under parallel attempts on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    // A long first delay keeps the test independent of how fast this machine checks passwords.
    api = await createTestApi(
      kind,
      { LOGIN_DELAY_BASE_SECONDS: '120', LOGIN_DELAY_MAX_SECONDS: '600' },
      { seed: false },
    );
    await createActors(api.orm);
  });
  afterAll(() => api?.close());

  const audits = (action: string) =>
    api.orm.em.fork().find(AuditRecord, { action }, { orderBy: { id: 'asc' } });

  it('checks at most 5 of 30 parallel wrong passwords and aggregates the refusals', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        clientFor(api, null, `192.0.2.${i + 1}`).gql(SIGN_IN, {
          e: emailOf('secretariat'),
          p: `wrong password ${i}`,
        }),
      ),
    );
    const codes = results.map((r) => errorOf(r).code as string);
    const checked = codes.filter((c) => c === 'INVALID_CREDENTIALS').length;
    const refused = codes.filter((c) => c === 'TOO_MANY_ATTEMPTS').length;
    expect(checked).toBe(5);
    expect(refused).toBe(25);
    // One failure record per checked password; ONE record counting the 25 refusals.
    expect(await audits('signIn.failed')).toHaveLength(5);
    const throttled = await audits('signIn.throttled');
    expect(throttled).toHaveLength(1);
    expect(JSON.parse(throttled[0]!.after!)).toMatchObject({ key: 'email', count: 25 });
    const refusal = results.find((r) => errorOf(r).code === 'TOO_MANY_ATTEMPTS')!;
    expect(errorOf(refusal).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(errorOf(refusal).retryAfterSeconds).toBeLessThanOrEqual(120);
    expect(errorOf(refusal).messageVi).toMatch(
      /^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ giây\.$/,
    );
  });

  it('refuses the right password during the delay too, and does not lock other accounts', async () => {
    const res = await clientFor(api, null, '198.51.100.7').gql(SIGN_IN, {
      e: emailOf('secretariat'),
      p: PASSWORD,
    });
    expect(errorOf(res).code).toBe('TOO_MANY_ATTEMPTS');
    const other = await clientFor(api, null, '198.51.100.7').gql(SIGN_IN, {
      e: emailOf('admin'),
      p: PASSWORD,
    });
    expect(other.data?.signIn?.token).toBeTruthy();
    const throttled = await audits('signIn.throttled');
    expect(throttled).toHaveLength(1);
    expect(JSON.parse(throttled[0]!.after!)).toMatchObject({ count: 26, lastIp: '198.51.100.7' });
  });
});

describe.each(DIALECTS)('sign-in delay instead of a hard lock on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(
      kind,
      {
        LOGIN_DELAY_BASE_SECONDS: '1',
        LOGIN_DELAY_MAX_SECONDS: '1',
        LOGIN_MAX_FAILURES_PER_IP: '50',
      },
      { seed: false },
    );
    await createActors(api.orm);
  });
  afterAll(() => api?.close());

  it('lets the owner in from their own address once the (capped) delay has passed', async () => {
    // Someone else fails 8 times from another address, waiting out each delay.
    const attacker = clientFor(api, null, '203.0.113.9');
    let refusedOnce = false;
    for (let failures = 0; failures < 8;) {
      const res = await attacker.gql(SIGN_IN, { e: emailOf('viewer'), p: 'guess guess' });
      if (errorOf(res).code === 'INVALID_CREDENTIALS') failures++;
      else {
        expect(errorOf(res).code).toBe('TOO_MANY_ATTEMPTS');
        expect(errorOf(res).retryAfterSeconds).toBe(1);
        refusedOnce = true;
        await new Promise((r) => setTimeout(r, 1050));
      }
    }
    expect(refusedOnce).toBe(true);
    // The owner waits at most LOGIN_DELAY_MAX_SECONDS (1 s here), not a 15-minute lock.
    await new Promise((r) => setTimeout(r, 1050));
    const owner = await clientFor(api, null, '198.51.100.20').gql(SIGN_IN, {
      e: emailOf('viewer'),
      p: PASSWORD,
    });
    expect(owner.data?.signIn?.token).toBeTruthy();
  });
});
