// Logs and audit hygiene (issue 11, point 9): no password, argon2 hash, token or query-string
// secret in the request log; request ids are the server's, a client's x-request-id is only kept
// (validated, ≤ 64 characters) as clientRequestId; expired sessions and stale sign-in counters are
// deleted by a clean-up that runs on a timer.
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_AUTH_SETTINGS } from '../../src/graphql/context.js';
import { clientRequestId, safeUrl, scrub, serializeError } from '../../src/http/logging.js';
import { AuditRecord } from '../../src/modules/audit/audit-record.entity.js';
import { IdempotencyKey } from '../../src/modules/audit/idempotency-key.entity.js';
import { cleanUpSignInState, startSignInCleanup } from '../../src/modules/auth/cleanup.js';
import { hashPassword } from '../../src/modules/auth/passwords.js';
import { createSession } from '../../src/modules/auth/session.repository.js';
import { Session } from '../../src/modules/auth/session.entity.js';
import { User } from '../../src/modules/users/user.entity.js';
import { createServer } from '../../src/server.js';
import { emailOf, PASSWORD, SIGN_IN } from '../auth-helpers.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from '../db.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function createUser(orm: MikroORM, name: string): Promise<User> {
  const em = orm.em.fork();
  const user = em.create(User, {
    email: emailOf(name),
    displayName: name,
    role: 'viewer',
    department: null,
    unit: null,
    passwordHash: await hashPassword(PASSWORD),
    active: true,
  });
  await em.flush();
  return user;
}

describe('log scrubbing (pure)', () => {
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG';
  const tokenHash = 'a'.repeat(64);

  it('drops secrets from query strings; a GraphQL GET keeps only its operationName', () => {
    expect(safeUrl('/figures/data.csv?measure=CERTIFIED&token=abc&apiKey=k&asOf=2021-12-31')).toBe(
      '/figures/data.csv?measure=CERTIFIED&token=REDACTED&apiKey=REDACTED&asOf=2021-12-31',
    );
    expect(
      safeUrl(
        '/graphql?query=mutation%7BsignIn(email:"a",password:"hunter2")%7D&variables=%7B%22p%22:%22s3cret%22%7D&operationName=S',
      ),
    ).toBe('/graphql?query=REDACTED&variables=REDACTED&operationName=S');
    expect(safeUrl('/products/5')).toBe('/products/5');
  });

  it('removes argon2 hashes, bearer tokens and token hashes from error text and fields', () => {
    const err = Object.assign(
      new Error(
        `insert into "app_user" ("email", "password_hash") values ('a@b.vn', '${hash}') - duplicate key`,
      ),
      {
        sql: `insert into app_user values ('${hash}')`,
        params: ['a@b.vn', hash, tokenHash],
        passwordHash: hash,
        cause: new Error(`Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789`),
      },
    );
    const text = JSON.stringify(serializeError(err));
    expect(text).not.toContain('argon2');
    expect(text).not.toContain('c29tZXNhbHQ');
    expect(text).not.toContain(tokenHash);
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(text).toContain('duplicate key');
    expect(text).toContain('a@b.vn');
    expect(scrub({ user: { password: 'x', newPassword: 'y', name: 'Lan' } })).toEqual({
      user: { password: '[redacted]', newPassword: '[redacted]', name: 'Lan' },
    });
  });

  it('keeps a client request id only when it is 1–64 of letters, digits and ._:-', () => {
    expect(clientRequestId('web-1700000000.42:abc_X')).toBe('web-1700000000.42:abc_X');
    expect(clientRequestId('x'.repeat(64))).toBe('x'.repeat(64));
    expect(clientRequestId('x'.repeat(65))).toBeNull();
    expect(clientRequestId('a b')).toBeNull();
    expect(clientRequestId('id\nforged log line')).toBeNull();
    expect(clientRequestId('<script>')).toBeNull();
    expect(clientRequestId('')).toBeNull();
    expect(clientRequestId(undefined)).toBeNull();
  });
});

describe.each(DIALECTS)('request log and audit on %s', (kind) => {
  let orm: MikroORM;
  let app: FastifyInstance;
  const lines: string[] = [];
  const logText = () => lines.join('\n');

  beforeAll(async () => {
    orm = await createTestOrm(kind);
    await createUser(orm, 'clerk');
    app = await createServer(loadConfig({ LOG_LEVEL: 'info' }), orm, {
      logStream: { write: (line) => void lines.push(line) },
    });
  });
  afterAll(async () => {
    await app.close();
    await destroyTestOrm(orm);
  });

  it('logs a GraphQL GET carrying a password without the password', async () => {
    lines.length = 0;
    const query = encodeURIComponent(
      'mutation S($p: String!) { signIn(email: "x@y.vn", password: $p) { token } }',
    );
    const variables = encodeURIComponent(JSON.stringify({ p: 'hunter2-secret' }));
    const res = await app.inject({
      method: 'GET',
      url: `/graphql?query=${query}&variables=${variables}&operationName=S`,
      headers: {
        'apollo-require-preflight': 'true',
        authorization: 'Bearer tok_abcdefghijklmnopqrstuv',
      },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(200);
    expect(logText()).toContain(
      '"url":"/graphql?query=REDACTED&variables=REDACTED&operationName=S"',
    );
    expect(logText()).not.toContain('hunter2');
    expect(logText()).not.toContain('tok_abcdefghijklmnopqrstuv');
  });

  it('logs a request for an unknown path without its query-string secrets', async () => {
    // Found by a black-box audit: without WEB_DIST, Fastify's default 404 handler logged
    // "Route GET:/x?password=… not found", the raw URL, beside the scrubbed request line.
    lines.length = 0;
    const res = await app.inject({
      method: 'GET',
      url: '/login?password=hunter2-secret&access_token=tok_abcdefghijklmnopqrstuv&lang=vi',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'Not Found', path: '/login' });
    expect(res.body).not.toContain('hunter2');
    expect(logText()).toContain('"url":"/login?password=REDACTED&access_token=REDACTED&lang=vi"');
    expect(logText()).not.toContain('hunter2');
    expect(logText()).not.toContain('tok_abcdefghijklmnopqrstuv');
  });

  it('logs errors without argon2 hashes or secret fields', async () => {
    lines.length = 0;
    const em = orm.em.fork();
    const user = await em.findOneOrFail(User, { email: emailOf('clerk') });
    app.log.error(
      {
        err: new Error(`update app_user set password_hash = '${user.passwordHash}' failed`),
        user: { email: user.email, passwordHash: user.passwordHash },
      },
      'database error',
    );
    expect(logText()).toContain('database error');
    expect(logText()).toContain(emailOf('clerk'));
    expect(logText()).not.toContain(user.passwordHash);
    expect(logText()).not.toContain('$argon2');
    // Not even the salt or digest part of it.
    for (const part of user.passwordHash.split('$').slice(-2))
      expect(logText()).not.toContain(part);
  });

  it('uses its own request ids and keeps a valid client id beside them, in the log and the audit record', async () => {
    lines.length = 0;
    const signIn = (id: string) =>
      app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'x-request-id': id },
        payload: { query: SIGN_IN, variables: { e: emailOf('clerk'), p: PASSWORD } },
      });
    const good = await signIn('kiosk-7:req.0042');
    expect(good.json().data.signIn.token).toBeTruthy();
    const serverId = good.headers['x-request-id'] as string;
    expect(serverId).toMatch(UUID);
    const bad = await signIn(`forged ${'x'.repeat(80)}`);
    const badServerId = bad.headers['x-request-id'] as string;
    expect(badServerId).toMatch(UUID);
    expect(badServerId).not.toBe(serverId);

    const em = orm.em.fork();
    const goodRecord = await em.findOneOrFail(AuditRecord, { requestId: serverId });
    expect(goodRecord).toMatchObject({ action: 'signIn', clientRequestId: 'kiosk-7:req.0042' });
    const badRecord = await em.findOneOrFail(AuditRecord, { requestId: badServerId });
    expect(badRecord.clientRequestId).toBeNull();

    const incoming = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'incoming request');
    expect(incoming.find((l) => l.reqId === serverId)?.req.clientRequestId).toBe(
      'kiosk-7:req.0042',
    );
    const forged = incoming.find((l) => l.reqId === badServerId);
    expect(forged).toBeDefined();
    expect(forged.req.clientRequestId).toBeUndefined();
    expect(logText()).not.toContain('forged');
  });
});

describe.each(DIALECTS)('sign-in clean-up on %s', (kind) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
  });
  afterAll(() => destroyTestOrm(orm));

  async function scenario(now: Date) {
    const em = orm.em.fork();
    const user = await createUser(orm, `u${now.getTime()}`);
    const h = 3_600_000;
    const live = createSession(em, user, 12, now).session;
    const expired = createSession(em, user, 1, new Date(now.getTime() - 2 * h)).session;
    const revoked = createSession(em, user, 12, now).session;
    revoked.revokedAt = new Date(now.getTime() - h);
    await em.flush();
    const sql = em as unknown as EntityManager;
    const insert =
      'insert into login_throttle (throttle_key, attempts, last_at, next_at, refused) values (?, ?, ?, ?, 0)';
    const t = now.getTime();
    const windowMs = DEFAULT_AUTH_SETTINGS.windowMinutes * 60_000;
    await sql.execute(
      insert,
      [`email:stale${t}@x.vn`, 3, t - windowMs - 1000, t - windowMs],
      'run',
    );
    await sql.execute(insert, [`email:fresh${t}@x.vn`, 2, t - 1000, t - 1000], 'run');
    // Quiet for the window but still delaying its next attempt: kept until the delay is over.
    await sql.execute(insert, [`ip:waiting${t}`, 9, t - windowMs - 1000, t + 60_000], 'run');
    // Idempotency keys: one a minute past idempotencyKeyHours (deleted), one an hour old (kept).
    const keyAge = DEFAULT_AUTH_SETTINGS.idempotencyKeyHours * h;
    for (const [key, age] of [
      [`old${t}`, keyAge + 60_000],
      [`recent${t}`, h],
    ] as const)
      em.create(IdempotencyKey, {
        actorId: user.id,
        action: 'registerProduct',
        key,
        requestHash: 'a'.repeat(64),
        recordId: '1',
        createdAt: new Date(t - age),
      });
    await em.flush();
    return { live: live.id, expired: expired.id, revoked: revoked.id, user: user.id, t };
  }

  it('deletes expired and revoked sessions, stale counters and old idempotency keys, keeps the rest', async () => {
    const now = new Date();
    const ids = await scenario(now);
    const em = orm.em.fork();
    const removed = await cleanUpSignInState(em, DEFAULT_AUTH_SETTINGS, now);
    expect(removed).toEqual({ sessions: 2, throttles: 1, idempotencyKeys: 1 });
    const left = (await orm.em.fork().find(Session, {})).map((s) => s.id);
    expect(left).toEqual([ids.live]);
    const throttles = await (orm.em.fork() as unknown as EntityManager).execute<
      { throttle_key: string }[]
    >('select throttle_key from login_throttle order by throttle_key');
    expect(throttles.map((k) => k.throttle_key)).toEqual([
      `email:fresh${ids.t}@x.vn`,
      `ip:waiting${ids.t}`,
    ]);
    const keys = await orm.em.fork().find(IdempotencyKey, { actorId: ids.user });
    expect(keys.map((k) => k.key)).toEqual([`recent${ids.t}`]);
    // Nothing more to do.
    expect(await cleanUpSignInState(orm.em.fork(), DEFAULT_AUTH_SETTINGS, now)).toEqual({
      sessions: 0,
      throttles: 0,
      idempotencyKeys: 0,
    });
  });

  it('runs on its timer and stops', async () => {
    await scenario(new Date());
    const logged = new Promise<object>((resolve, reject) => {
      const cleanup = startSignInCleanup(orm, DEFAULT_AUTH_SETTINGS, 20, {
        info: (obj) => {
          void cleanup.stop().then(() => resolve(obj));
        },
        error: (obj) => reject(new Error(JSON.stringify(obj))),
      });
    });
    expect(await logged).toEqual({ removed: { sessions: 2, throttles: 1, idempotencyKeys: 1 } });
  });
});
