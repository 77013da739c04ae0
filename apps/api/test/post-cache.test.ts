// The answer cache of anonymous POST /graphql (http/post-cache.ts, cache/answer-cache.ts): a
// repeated read is sent as stored bytes without executing (its only statement is the data-version
// read), never for a signed-in request, never for a mutation or an error; a write raises the data
// version and the next answer is computed again. Both dialects with the in-process store, and
// PostgreSQL with Redis, where a second server on the same database sends what the first stored.
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnswerCache } from '../src/cache/answer-cache.js';
import { loadConfig } from '../src/config.js';
import { createServer } from '../src/server.js';
import { createTestApi, type TestApi } from './api.js';
import {
  createActors,
  emailOf,
  errorOf,
  PASSWORD,
  signIn,
  SIGN_IN,
  type Client,
} from './auth-helpers.js';
import { DIALECTS } from './db.js';
import { deleteKeys, redisTestUrl, uniquePrefix } from './redis.js';
import { logStatements, type StatementLog } from './statement-log.js';

const STATS = `{ stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, asOf: "2025-12-31") { rows { key key2 count } } }`;
const OVERVIEW = `query Overview($year: Int!) { plan(year: $year) { targets(asOf: "2021-12-31") { id code version
  progress { actual target } } } }`;
// A figure (cached, so the run reads the data version) beside the viewer's own fields.
const ME = `{ me { email role } stats(measure: PRODUCTS, groupBy: STARS, asOf: "2025-12-31") { total } }`;
const PRODUCTS = '{ products(first: 5) { totalCount edges { node { name } } } }';
const PER_UNIT = `{ plan(year: 2021) { targets(asOf: "2021-12-31") { code
  progress { perUnit { unit { code name } value met } } } } }`;
const UPDATE_TARGET = `mutation($id: ID!, $v: Int!, $input: TargetUpdateInput!) {
  updateTarget(id: $id, version: $v, input: $input) { targetValue version } }`;

const onlyVersionReads = (statements: readonly string[]) =>
  statements.every((sql) => /from\s+"?data_version"?/i.test(sql));

const SETUPS = [
  ...DIALECTS.map((kind) => ({ kind, store: 'memory' as const })),
  { kind: 'postgresql' as const, store: 'redis' as const },
];

describe.each(SETUPS)('anonymous POST answers ($kind, $store store)', ({ kind, store }) => {
  let api: TestApi;
  let log: StatementLog;
  let secretariat: Client;
  const prefix = uniquePrefix('post-cache');
  const env: Record<string, string> =
    store === 'redis' ? { REDIS_URL: redisTestUrl(), CACHE_PREFIX: prefix } : {};
  const post = (payload: object, headers: Record<string, string> = {}) =>
    api.app.inject({ method: 'POST', url: '/graphql', payload, headers });
  /** The first run of a text learns that it reads figures; the second stores its answer. */
  const warm = async (payload: object, headers: Record<string, string> = {}) => {
    await post(payload, headers);
    return post(payload, headers);
  };

  beforeAll(async () => {
    api = await createTestApi(kind, env);
    await createActors(api.orm);
    secretariat = await signIn(api, 'secretariat');
    log = logStatements(api.orm);
  });
  afterAll(async () => {
    await api?.close();
    if (store === 'redis') await deleteKeys(prefix);
  });

  it('sends a repeated read as stored bytes: no statement but the data-version read', async () => {
    const first = await warm({ query: STATS });
    expect(first.statusCode).toBe(200);
    expect(first.json().data.stats.rows.length).toBeGreaterThan(0);
    log.reset();
    const second = await post({ query: STATS });
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['cache-control']).toBe(first.headers['cache-control']);
    // Still counted by the rate limit.
    expect(Number(second.headers['x-ratelimit-remaining'])).toBe(
      Number(first.headers['x-ratelimit-remaining']) - 1,
    );
    expect(log.statements.length).toBeLessThanOrEqual(1);
    expect(onlyVersionReads(log.statements)).toBe(true);
    // The same read with its variables in another order is the same answer.
    const a = await warm({ query: OVERVIEW, variables: { year: 2021 }, operationName: 'Overview' });
    log.reset();
    const b = await post({ operationName: 'Overview', variables: { year: 2021 }, query: OVERVIEW });
    expect(b.body).toBe(a.body);
    expect(onlyVersionReads(log.statements)).toBe(true);
  });

  it('answers a body it has seen from its bytes, unparsed, with CORS and the request id', async () => {
    const body = JSON.stringify({ query: STATS, variables: { unused: 1 } });
    const send = (text: string, headers: Record<string, string> = {}) =>
      api.app.inject({
        method: 'POST',
        url: '/graphql',
        payload: text,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const parsed = await send(body);
    await send(body);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      log.reset();
      const fromBytes = await send(body, { origin: 'https://bao.example' });
      expect(fromBytes.statusCode).toBe(200);
      expect(fromBytes.body).toBe(parsed.body);
      expect(fromBytes.headers['access-control-allow-origin']).toBe('*');
      expect(fromBytes.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(onlyVersionReads(log.statements)).toBe(true);
      expect(parse.mock.calls.some(([text]) => text === body)).toBe(false);
      // The same request spelled otherwise is parsed, and finds the same stored answer.
      const spaced = JSON.stringify(JSON.parse(body), null, 2);
      const again = await send(spaced);
      expect(again.body).toBe(parsed.body);
      expect(onlyVersionReads(log.statements)).toBe(true);
      expect(parse.mock.calls.some(([text]) => text === spaced)).toBe(true);
    } finally {
      parse.mockRestore();
    }
  });

  it('compresses a stored answer once and sends it encoded to a client that accepts it', async () => {
    const plain = await warm({ query: PER_UNIT });
    expect(plain.body.length).toBeGreaterThan(1024);
    log.reset();
    const encoded = await post({ query: PER_UNIT }, { 'accept-encoding': 'gzip' });
    expect(onlyVersionReads(log.statements)).toBe(true);
    expect(encoded.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(encoded.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it("never sends a signed-in user's answer to anyone else, nor stores it", async () => {
    const anonymous = await warm({ query: ME });
    expect(anonymous.json().data.me).toBeNull();
    const mine = await secretariat.gql(ME);
    expect(mine.data?.me).toEqual({ email: emailOf('secretariat'), role: 'SECRETARIAT' });
    expect(mine.data?.stats).toEqual(anonymous.json().data.stats);
    log.reset();
    const again = await post({ query: ME });
    expect(again.json().data.me).toBeNull();
    expect(onlyVersionReads(log.statements)).toBe(true);
    // Signed in, the same text runs (session lookup and all) and is never the anonymous answer.
    log.reset();
    const mineAgain = await secretariat.gql(ME);
    expect(mineAgain.data?.me?.email).toBe(emailOf('secretariat'));
    expect(onlyVersionReads(log.statements)).toBe(false);
  });

  it('runs every mutation (two sign-ins give two sessions) and keeps errors uncached', async () => {
    const variables = { e: emailOf('viewer'), p: PASSWORD };
    const one = await post({ query: SIGN_IN, variables });
    const two = await post({ query: SIGN_IN, variables });
    expect(one.json().data.signIn.token).toBeTruthy();
    expect(two.json().data.signIn.token).not.toBe(one.json().data.signIn.token);
    const bad = {
      query: '{ stats(measure: PRODUCTS, groupBy: UNIT, asOf: "2021-02-30") { total } }',
    };
    const first = await post(bad);
    const code = errorOf(first.json()).code;
    expect(code).toBeDefined();
    expect(code).not.toBe('INTERNAL_SERVER_ERROR');
    const second = await post(bad);
    expect(errorOf(second.json()).code).toBe(code);
    expect(second.json().errors[0].extensions.messageVi).toBeTruthy();
    // Invalid variables: the same clear error each time.
    const wrongType = await post({ query: OVERVIEW, variables: { year: 'twenty' } });
    expect(wrongType.json().errors?.[0]?.message).toMatch(/year/);
  });

  it('leaves lists without figures uncached: their statements run every time', async () => {
    const first = await warm({ query: PRODUCTS });
    log.reset();
    const again = await post({ query: PRODUCTS });
    expect(again.body).toBe(first.body);
    expect(log.statements.length).toBeGreaterThan(1);
    expect(log.statements.some((sql) => /data_version/.test(sql))).toBe(false);
  });

  it('a write raises the data version: the next answer is computed again and shows it', async () => {
    const before = (await warm({ query: OVERVIEW, variables: { year: 2021 } })).json().data;
    const t1 = before.plan.targets.find((t: { code: string }) => t.code === 'T1-CERTIFIED');
    const res = await secretariat.gql(UPDATE_TARGET, {
      id: t1.id,
      v: t1.version,
      input: { targetValue: t1.progress.target + 3 },
    });
    expect(res.errors).toBeUndefined();
    log.reset();
    const after = (await post({ query: OVERVIEW, variables: { year: 2021 } })).json().data;
    expect(onlyVersionReads(log.statements)).toBe(false);
    const t1After = after.plan.targets.find((t: { code: string }) => t.code === 'T1-CERTIFIED');
    expect(t1After.progress.target).toBe(t1.progress.target + 3);
  });
});

describe('shared answers in Redis (postgresql)', () => {
  const prefix = uniquePrefix('post-cache-shared');
  const env = { REDIS_URL: redisTestUrl(), CACHE_PREFIX: prefix };
  let api: TestApi;
  let log: StatementLog;
  beforeAll(async () => {
    api = await createTestApi('postgresql', env);
    log = logStatements(api.orm);
  });
  afterAll(async () => {
    await api?.close();
    await deleteKeys(prefix);
  });

  it('a second server on the same database sends what the first stored in Redis', async () => {
    const query = `{ stats(measure: PRODUCTS, groupBy: STARS, asOf: "2024-06-30") { rows { key count } } }`;
    const ask = (app: FastifyInstance) =>
      app.inject({ method: 'POST', url: '/graphql', payload: { query } });
    await ask(api.app);
    const first = await ask(api.app);
    expect(first.statusCode).toBe(200);
    const other: FastifyInstance = await createServer(
      loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', ...env }),
      api.orm,
    );
    try {
      // Its first run learns that the text reads figures (they come from Redis too)…
      expect((await ask(other)).body).toBe(first.body);
      // …its next one sends the answer the first server stored, computing nothing.
      log.reset();
      const res = await ask(other);
      expect(res.body).toBe(first.body);
      expect(onlyVersionReads(log.statements)).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('answer cache bounds', () => {
  const stamp = (version: number) => ({ epoch: 'e', version });
  const answer = (n: number) => ({ contentType: 'application/json', body: 'x'.repeat(n) });

  it('evicts the least recently used answers beyond its byte budget', async () => {
    const cache = new AnswerCache('t:', null, 3000);
    const keys = [1, 2, 3].map((i) => cache.keyOf(stamp(1), 'post', `request ${i}`));
    await cache.set(keys[0]!, stamp(1), answer(600));
    await cache.set(keys[1]!, stamp(1), answer(600));
    expect(cache.size.entries).toBe(2);
    expect(cache.local(keys[0]!, stamp(1))).toBeDefined(); // now the most recently used
    await cache.set(keys[2]!, stamp(1), answer(600));
    expect(cache.size.entries).toBe(2);
    expect(cache.size.bytes).toBeLessThanOrEqual(3000);
    expect(cache.stats.evicted).toBe(1);
    expect(cache.local(keys[1]!, stamp(1))).toBeUndefined();
    expect(cache.local(keys[0]!, stamp(1))).toBeDefined();
    // Compressed variants count too.
    const entry = cache.local(keys[2]!, stamp(1))!;
    cache.bytesOf(keys[2]!, entry, 'identity');
    expect(cache.size.bytes).toBeLessThanOrEqual(3000);
  });

  it('drops every answer of an older data version once a newer one is seen', async () => {
    const cache = new AnswerCache('t:', null, 1 << 20);
    const old = cache.keyOf(stamp(1), 'get', 'a');
    await cache.set(old, stamp(1), answer(10));
    expect(cache.size.entries).toBe(1);
    expect(cache.local(cache.keyOf(stamp(2), 'get', 'a'), stamp(2))).toBeUndefined();
    expect(cache.size.entries).toBe(0);
    // An answer computed at the older version (a request that read it before the write) is not kept.
    await cache.set(old, stamp(1), answer(10));
    expect(cache.size.entries).toBe(0);
  });
});
