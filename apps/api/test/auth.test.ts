import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRecord } from '../src/modules/audit/audit-record.entity.js';
import { Session } from '../src/modules/auth/session.entity.js';
import { createTestApi, type TestApi } from './api.js';
import {
  clientFor,
  createActors,
  emailOf,
  errorOf,
  PASSWORD,
  SIGN_IN,
  signIn,
} from './auth-helpers.js';
import { DIALECTS } from './db.js';

const ME = '{ me { email role unit { code } department { code } } }';

describe.each(DIALECTS)('sign-in and sessions on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(
      kind,
      { LOGIN_MAX_FAILURES_PER_EMAIL: '5', LOGIN_MAX_FAILURES_PER_IP: '8' },
      { seed: true },
    );
    await createActors(api.orm);
  });
  afterAll(() => api?.close());

  const audits = (action: string) => api.orm.em.fork().count(AuditRecord, { action });

  it('issues a token that identifies the user, stores only its hash, and expires in 12 h', async () => {
    const res = await clientFor(api, null).gql(SIGN_IN, {
      e: '  ChauPhuOfficer@OCOP.test ',
      p: PASSWORD,
    });
    expect(res.errors).toBeUndefined();
    const { token, expiresAt } = res.data!.signIn;
    const hours = (new Date(expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const me = await clientFor(api, token).gql(ME);
    expect(me.data!.me).toEqual({
      email: emailOf('chauPhuOfficer'),
      role: 'DISTRICT_OFFICER',
      unit: { code: 'chau-phu' },
      department: null,
    });
    const sessions = await api.orm.em.fork().find(Session, {});
    expect(sessions.some((s) => s.tokenHash === token)).toBe(false);
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.tokenHash))).toBe(true);
  });

  it('treats a missing, malformed or unknown token as anonymous', async () => {
    expect((await clientFor(api, null).gql(ME)).data!.me).toBeNull();
    expect((await clientFor(api, 'x'.repeat(43)).gql(ME)).data!.me).toBeNull();
    const res = await clientFor(api, 'x'.repeat(43)).gql('mutation { signOut }');
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    expect(errorOf(res).messageVi).toMatch(/đăng nhập/);
  });

  it('revokes the token on signOut (audited once)', async () => {
    const client = await signIn(api, 'viewer');
    const before = await audits('signOut');
    expect((await client.gql('mutation { signOut }')).data).toEqual({ signOut: true });
    expect(await audits('signOut')).toBe(before + 1);
    expect((await client.gql(ME)).data!.me).toBeNull();
    expect(errorOf(await client.gql('mutation { signOut }')).code).toBe('UNAUTHENTICATED');
  });

  it('audits one signOut when the same token signs out 10 times in parallel', async () => {
    // Found by a black-box audit: on PostgreSQL each parallel signOut read the session as open
    // and wrote its own audit record (10 records for one revocation).
    const client = await signIn(api, 'snnOfficer');
    const before = await audits('signOut');
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => client.gql('mutation { signOut }')),
    );
    expect(responses.filter((r) => r.data?.signOut === true).length).toBeGreaterThanOrEqual(1);
    expect(await audits('signOut')).toBe(before + 1);
    expect((await client.gql(ME)).data!.me).toBeNull();
  });

  it('revokes ALL sessions of the user on password change, and the new password works', async () => {
    const a = await signIn(api, 'chauPhuViewer');
    const b = await signIn(api, 'chauPhuViewer');
    const other = await signIn(api, 'admin');
    const change =
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
    expect(errorOf(await a.gql(change, { c: PASSWORD, n: 'short' }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'newPassword',
    });
    expect((await a.gql(change, { c: PASSWORD, n: 'a much longer new password' })).data).toEqual({
      changePassword: true,
    });
    expect((await a.gql(ME)).data!.me).toBeNull();
    expect((await b.gql(ME)).data!.me).toBeNull();
    expect((await other.gql(ME)).data!.me.email).toBe(emailOf('admin'));
    expect(
      errorOf(await clientFor(api, null).gql(SIGN_IN, { e: emailOf('chauPhuViewer'), p: PASSWORD }))
        .code,
    ).toBe('INVALID_CREDENTIALS');
    expect((await signIn(api, 'chauPhuViewer', 'a much longer new password')).token).toBeTruthy();
  });

  it('gives the same error for an unknown email and a wrong password, and logs both failures', async () => {
    const client = clientFor(api, null);
    const before = await audits('signIn.failed');
    const unknown = await client.gql(SIGN_IN, { e: 'nobody@ocop.test', p: PASSWORD });
    const wrong = await client.gql(SIGN_IN, { e: emailOf('secretariat'), p: 'wrong password!' });
    expect(unknown.data).toBeNull();
    expect(unknown.errors![0]!.message).toBe(wrong.errors![0]!.message);
    expect(errorOf(unknown)).toEqual(errorOf(wrong));
    expect(errorOf(unknown)).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      messageVi: 'Email hoặc mật khẩu không đúng.',
    });
    expect(await audits('signIn.failed')).toBe(before + 2);
  });

  it('takes similar time for an unknown email and a wrong password (a dummy hash is verified)', async () => {
    await clientFor(api, null).gql(SIGN_IN, { e: 'warmup@ocop.test', p: 'x' });
    // A fresh address per attempt, and at most 4 failures per email: the throttle must not answer.
    const time = async (e: string) => {
      const client = clientFor(api, null);
      const t0 = performance.now();
      await client.gql(SIGN_IN, { e, p: 'wrong password!' });
      return performance.now() - t0;
    };
    // Medians of alternating runs: without the dummy hash an unknown email would answer ~20× faster.
    const unknowns: number[] = [];
    const knowns: number[] = [];
    for (let i = 0; i < 4; i++) {
      unknowns.push(await time(`ghost${i}@ocop.test`));
      knowns.push(await time(emailOf('chauPhuOfficer')));
    }
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return (sorted[1]! + sorted[2]!) / 2;
    };
    expect(median(unknowns)).toBeGreaterThan(median(knowns) * 0.3);
    expect(median(knowns)).toBeGreaterThan(median(unknowns) * 0.3);
  });

  it('throttles after 5 failures per email (even with the right password) and per address', async () => {
    const client = clientFor(api, null);
    for (let i = 0; i < 5; i++)
      expect(
        errorOf(await client.gql(SIGN_IN, { e: emailOf('snnOfficer'), p: `wrong ${i}` })).code,
      ).toBe('INVALID_CREDENTIALS');
    const blocked = await clientFor(api, null).gql(SIGN_IN, {
      e: emailOf('snnOfficer'),
      p: PASSWORD,
    });
    expect(errorOf(blocked)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(errorOf(blocked).messageVi).toMatch(/quá nhiều lần/);
    // Same address, other emails: the per-address limit (8 here) kicks in too.
    for (let i = 0; i < 3; i++) await client.gql(SIGN_IN, { e: `x${i}@ocop.test`, p: 'nope' });
    expect(errorOf(await client.gql(SIGN_IN, { e: emailOf('admin'), p: PASSWORD })).code).toBe(
      'TOO_MANY_ATTEMPTS',
    );
    expect((await signIn(api, 'admin')).token).toBeTruthy();
  });

  it('lets only ADMIN create users and refuses a second account with the same email', async () => {
    const admin = await signIn(api, 'admin');
    const create =
      'mutation($i: UserInput!) { createUser(input: $i) { id email role unit { code } version } }';
    const input = {
      email: 'New.Officer@ocop.test',
      displayName: 'Cán bộ mới',
      role: 'DISTRICT_OFFICER',
      unitCode: 'tri-ton',
      password: 'a good long password',
    };
    const created = await admin.gql(create, { i: input });
    expect(created.data!.createUser).toMatchObject({
      email: 'new.officer@ocop.test',
      role: 'DISTRICT_OFFICER',
      unit: { code: 'tri-ton' },
      version: 1,
    });
    expect(errorOf(await admin.gql(create, { i: input }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'email',
    });
    const secretariat = await signIn(api, 'secretariat');
    expect(
      errorOf(await secretariat.gql(create, { i: { ...input, email: 'x@ocop.test' } })).code,
    ).toBe('FORBIDDEN');
    const officer = await signIn(api, 'new.officer', 'a good long password');
    expect((await officer.gql(ME)).data!.me.unit.code).toBe('tri-ton');
  });

  it('revokes the sessions of a deactivated user', async () => {
    const admin = await signIn(api, 'admin');
    const victim = await signIn(api, 'sctOfficer');
    const { id, version } = (await admin.gql('{ users { id email version } }')).data!.users.find(
      (u: { email: string }) => u.email === emailOf('sctOfficer'),
    );
    const res = await admin.gql(
      'mutation($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, active: false) { active version } }',
      { id, v: version },
    );
    expect(res.data!.updateUser).toEqual({ active: false, version: version + 1 });
    expect((await victim.gql(ME)).data!.me).toBeNull();
    expect(
      errorOf(await clientFor(api, null).gql(SIGN_IN, { e: emailOf('sctOfficer'), p: PASSWORD }))
        .code,
    ).toBe('INVALID_CREDENTIALS');
    await admin.gql(
      'mutation($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, active: true) { active } }',
      { id, v: version + 1 },
    );
  });
});
