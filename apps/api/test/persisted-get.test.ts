// GET /graphql?id=<sha256> (http/persisted-get.ts): the dashboard's trusted documents from
// apps/web/persisted-queries.json, answered with Cache-Control and a strong ETag of the data
// version, 304 on If-None-Match without running anything, and never one user's fields for another.
// Both dialects; the store is the in-process one, and Redis on PostgreSQL (two processes' setup).
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataVersionReader } from '../src/cache/version-reader.js';
import { DEFAULT_MANIFEST } from '../src/graphql/trusted-documents.js';
import { createTestApi, type Json, type TestApi } from './api.js';
import { createActors, signIn, type Client } from './auth-helpers.js';
import { DIALECTS } from './db.js';
import { deleteKeys, redisTestUrl, uniquePrefix } from './redis.js';
import { logStatements, type StatementLog } from './statement-log.js';

const manifest = JSON.parse(readFileSync(DEFAULT_MANIFEST, 'utf8')) as {
  operations: { id: string; name: string; type: string; body: string }[];
};
const operation = (name: string) => manifest.operations.find((op) => op.name === name)!;
const PLAN = operation('Plan');
const ME = operation('Me');
const SIGN_IN = operation('SignIn');
const OVERVIEW = { year: 2021, asOf: '2021-12-31' };
const UPDATE_TARGET = `mutation($id: ID!, $v: Int!, $input: TargetUpdateInput!) {
  updateTarget(id: $id, version: $v, input: $input) { targetValue version } }`;

const byId = (id: string, variables?: object) =>
  `/graphql?id=${id}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`;

const SETUPS = [
  ...DIALECTS.map((kind) => ({ kind, store: 'memory' as const })),
  { kind: 'postgresql' as const, store: 'redis' as const },
];

describe.each(SETUPS)('GET /graphql by id ($kind, $store store)', ({ kind, store }) => {
  let api: TestApi;
  let log: StatementLog;
  let secretariat: Client;
  const prefix = uniquePrefix('persisted');
  const get = (url: string, headers: Record<string, string> = {}) =>
    api.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    api = await createTestApi(
      kind,
      store === 'redis' ? { REDIS_URL: redisTestUrl(), CACHE_PREFIX: prefix } : {},
    );
    await createActors(api.orm);
    secretariat = await signIn(api, 'secretariat');
    log = logStatements(api.orm);
  });
  afterAll(async () => {
    await api?.close();
    if (store === 'redis') await deleteKeys(prefix);
  });

  it('answers the same data as POST with the same document and variables', async () => {
    const posted = await api.gql(PLAN.body, OVERVIEW);
    expect(posted.errors).toBeUndefined();
    const res = await get(byId(PLAN.id, OVERVIEW));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json().data).toEqual(posted.data);
    expect(res.json().data.plan.code).toBe('152/KH-UBND');
    // APQ-style extensions name the same document.
    const apq = await get(
      `/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: PLAN.id } }))}&variables=${encodeURIComponent(JSON.stringify(OVERVIEW))}`,
    );
    expect(apq.body).toBe(res.body);
  });

  it('gives a public Cache-Control and an ETag that stays while the data version stays', async () => {
    const first = await get(byId(PLAN.id, OVERVIEW));
    const second = await get(byId(PLAN.id, { asOf: '2021-12-31', year: 2021 }));
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(first.headers.vary).toContain('authorization');
    expect(first.headers.etag).toMatch(/^"\d+-[A-Za-z0-9_-]{22}"$/);
    // Variables in another key order are the same answer.
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body).toBe(first.body);
    const otherDay = await get(byId(PLAN.id, { year: 2021, asOf: '2021-06-30' }));
    expect(otherDay.headers.etag).not.toBe(first.headers.etag);
  });

  it('answers a cached hit from stored bytes and If-None-Match with 304, reading only the data version', async () => {
    const first = await get(byId(PLAN.id, OVERVIEW));
    log.reset();
    const hit = await get(byId(PLAN.id, OVERVIEW));
    expect(hit.body).toBe(first.body);
    expect(log.statements).toEqual(['select version, epoch from data_version where id = 1']);
    log.reset();
    const notModified = await get(byId(PLAN.id, OVERVIEW), {
      'if-none-match': first.headers.etag as string,
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect(notModified.headers['cache-control']).toContain('public');
    expect(log.statements).toHaveLength(1);
    // A list of tags, one of them current, is a match too; an old tag is not.
    const listed = await get(byId(PLAN.id, OVERVIEW), {
      'if-none-match': `"1-old", ${first.headers.etag as string}`,
    });
    expect(listed.statusCode).toBe(304);
    const stale = await get(byId(PLAN.id, OVERVIEW), { 'if-none-match': '"1-old"' });
    expect(stale.statusCode).toBe(200);
    // HEAD (a proxy checking freshness): the same status and tag, no body.
    const head = await api.app.inject({ method: 'HEAD', url: byId(PLAN.id, OVERVIEW) });
    expect(head.statusCode).toBe(200);
    expect(head.headers.etag).toBe(first.headers.etag);
    expect(head.body).toBe('');
  });

  it('a stored hit sends the headers of the answer that stored it, counted once by the rate limit; cross-origin reads get CORS', async () => {
    // Variables not asked before: the first request runs the whole route, the second is a hit
    // sent from the first hooks (http/stored-hits.ts).
    const url = byId(PLAN.id, { year: 2021, asOf: '2021-06-30' });
    const comparable = (headers: Record<string, unknown>) => {
      const {
        date,
        'x-request-id': id,
        'x-ratelimit-remaining': left,
        // Seconds left in the rate-limit window: one less when the two requests straddle a second.
        'x-ratelimit-reset': reset,
        ...rest
      } = headers;
      expect(date).toBeDefined();
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(reset)).toBeGreaterThanOrEqual(0);
      expect(Number(reset)).toBeLessThanOrEqual(60);
      return { rest, left: Number(left) };
    };
    for (const encoding of [{}, { 'accept-encoding': 'br' }] as Record<string, string>[]) {
      const stored = await get(url, encoding);
      const hit = await get(url, encoding);
      expect(hit.statusCode).toBe(200);
      expect(hit.rawPayload.equals(stored.rawPayload)).toBe(true);
      const [a, b] = [comparable(stored.headers), comparable(hit.headers)];
      expect(b.rest).toEqual(a.rest);
      expect(b.left).toBe(a.left - 1);
      expect(b.rest['content-security-policy']).toContain("default-src 'self'");
    }
    const plain = await get(url);
    const crossOrigin = await get(url, { origin: 'https://bao.example.vn' });
    expect(crossOrigin.headers['access-control-allow-origin']).toBe('*');
    expect(crossOrigin.body).toBe(plain.body);
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('says the public answer varies by Origin, so a shared cache does not hand one origin’s CORS headers to another', async () => {
    // Found by a black-box audit: `Vary: authorization, accept-encoding` replaced the cors
    // plugin's `Vary: Origin`, while Access-Control-Allow-Origin differs by Origin (absent
    // without one, `*` for any site, the echoed dashboard origin with credentials).
    const url = byId(PLAN.id, { year: 2021, asOf: '2021-09-30' });
    const varies = (headers: Record<string, unknown>) =>
      String(headers.vary ?? '')
        .toLowerCase()
        .split(/\s*,\s*/);
    const miss = await get(url);
    const hit = await get(url, { origin: 'https://bao.example.vn' });
    const notModified = await get(url, { 'if-none-match': miss.headers.etag as string });
    expect(hit.headers['access-control-allow-origin']).toBe('*');
    for (const res of [miss, hit, notModified]) {
      expect(varies(res.headers)).toContain('origin');
      expect(varies(res.headers)).toContain('authorization');
    }
  });

  it('a write changes the ETag and the answer at once', async () => {
    const before = await get(byId(PLAN.id, OVERVIEW));
    const t1 = before.json().data.plan.targets.find((t: Json) => t.code === 'T1-CERTIFIED');
    const current = await api.gql(`{ plan(year: 2021) { targets { id code version } } }`);
    const version = current.data!.plan.targets.find((t: Json) => t.code === 'T1-CERTIFIED').version;
    const write = await secretariat.gql(UPDATE_TARGET, {
      id: t1.id,
      v: version,
      input: { targetValue: t1.progress.target + 3 },
    });
    expect(write.errors).toBeUndefined();
    const after = await get(byId(PLAN.id, OVERVIEW), {
      'if-none-match': before.headers.etag as string,
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const t1After = after.json().data.plan.targets.find((t: Json) => t.code === 'T1-CERTIFIED');
    expect(t1After.progress.target).toBe(t1.progress.target + 3);
  });

  it('compresses large answers once per version, each coding with its own strong tag', async () => {
    const plain = await get(byId(PLAN.id, OVERVIEW));
    const br = await get(byId(PLAN.id, OVERVIEW), { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(`${(plain.headers.etag as string).slice(0, -1)}-br"`);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const revalidated = await get(byId(PLAN.id, OVERVIEW), {
      'accept-encoding': 'br',
      'if-none-match': br.headers.etag as string,
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('refuses unknown ids, malformed ids and variables, and mutations over GET', async () => {
    const unknown = await get(byId('0'.repeat(64)));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['cache-control']).toBe('no-store');
    expect(unknown.json().errors[0].extensions).toMatchObject({
      code: 'PERSISTED_QUERY_NOT_FOUND',
      field: 'id',
    });
    expect(unknown.json().errors[0].extensions.messageVi).toContain('tài liệu tin cậy');
    const malformed = await get('/graphql?id=plan');
    expect(malformed.json().errors[0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'id',
    });
    const badVariables = await get(`/graphql?id=${PLAN.id}&variables=%7Bnope`);
    expect(badVariables.statusCode).toBe(400);
    expect(badVariables.json().errors[0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'variables',
    });
    const mutation = await get(byId(SIGN_IN.id, { email: 'a@b.vn', password: 'x' }));
    expect(mutation.statusCode).toBe(405);
    expect(mutation.headers.allow).toBe('POST');
    expect(mutation.json().errors[0].extensions).toMatchObject({
      code: 'METHOD_NOT_ALLOWED',
      field: 'id',
    });
    // Invalid variables of a known document: the usual clear error, not stored or cached.
    const wrongType = await get(byId(PLAN.id, { year: 'twenty' }));
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.headers['cache-control']).toBe('no-store');
    expect(wrongType.headers.etag).toBeUndefined();
  });

  it('never serves one viewer’s answer to another: signed-in GETs are private and not stored', async () => {
    const anonymousFirst = await get(byId(ME.id));
    expect(anonymousFirst.json().data.me).toBeNull();
    const signedIn = await get(byId(ME.id), { authorization: `Bearer ${secretariat.token}` });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    expect(signedIn.headers.etag).toBeUndefined();
    expect(signedIn.json().data.me.email).toBe('secretariat@ocop.test');
    const anonymousAfter = await get(byId(ME.id), {
      'if-none-match': anonymousFirst.headers.etag as string,
    });
    expect(anonymousAfter.statusCode).toBe(304);
    const anonymousFull = await get(byId(ME.id));
    expect(anonymousFull.json().data.me).toBeNull();
  });

  it('POST with the query text keeps working (analysts)', async () => {
    const res = await api.gql('{ plan(year: 2021) { code } }');
    expect(res.data).toEqual({ plan: { code: '152/KH-UBND' } });
  });
});

describe('GET by id and the rate limit', () => {
  it('counts against the /graphql budget like POST', async () => {
    const api = await createTestApi('libsql', { RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const url = byId(PLAN.id, OVERVIEW);
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await api.app.inject({ method: 'GET', url })).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await api.close();
    }
  });
});

describe('DataVersionReader', () => {
  const turn = () => new Promise((r) => setImmediate(r));

  it('shares one read among requests that arrive together, and never answers from a read that began before a request', async () => {
    const pending: ((v: { epoch: string; version: number }) => void)[] = [];
    // One read at a time (the default allows a few; see the next test).
    const reader = new DataVersionReader(() => new Promise((resolve) => pending.push(resolve)), 1);
    const a = reader.current();
    const b = reader.current();
    await turn();
    // a and b arrived before the read started: one statement for both.
    expect(pending).toHaveLength(1);
    // c and d arrive while that read runs: it may miss a write committed just before them, so
    // they wait for the next read, which starts only when this one is done.
    const c = reader.current();
    await turn();
    const d = reader.current();
    await turn();
    expect(pending).toHaveLength(1);
    pending[0]!({ epoch: 'e', version: 1 });
    expect(await a).toEqual({ epoch: 'e', version: 1 });
    expect(await b).toEqual({ epoch: 'e', version: 1 });
    await turn();
    await turn();
    expect(pending).toHaveLength(2);
    pending[1]!({ epoch: 'e', version: 2 });
    expect(await c).toEqual({ epoch: 'e', version: 2 });
    expect(await d).toEqual({ epoch: 'e', version: 2 });
    expect(reader.reads).toBe(2);
  });

  it("starts a newcomer's read while earlier ones run, up to the limit, the next when one ends", async () => {
    const pending: ((v: { epoch: string; version: number }) => void)[] = [];
    const reader = new DataVersionReader(() => new Promise((resolve) => pending.push(resolve)), 2);
    const a = reader.current();
    await turn();
    const b = reader.current();
    await turn();
    // b did not wait for a's read to end: two reads run.
    expect(pending).toHaveLength(2);
    const c = reader.current();
    const d = reader.current();
    await turn();
    await turn();
    // Both slots are taken: c and d share the next read, which waits for a free slot.
    expect(pending).toHaveLength(2);
    pending[1]!({ epoch: 'e', version: 2 });
    expect(await b).toEqual({ epoch: 'e', version: 2 });
    await turn();
    expect(pending).toHaveLength(3);
    pending[0]!({ epoch: 'e', version: 1 });
    pending[2]!({ epoch: 'e', version: 3 });
    expect(await a).toEqual({ epoch: 'e', version: 1 });
    expect(await c).toEqual({ epoch: 'e', version: 3 });
    expect(await d).toEqual({ epoch: 'e', version: 3 });
    expect(reader.reads).toBe(3);
  });

  it('a failed read fails only its own requests', async () => {
    let calls = 0;
    const reader = new DataVersionReader(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database away');
      return { epoch: 'e', version: 3 };
    });
    await expect(reader.current()).rejects.toThrow('database away');
    await expect(reader.current()).resolves.toEqual({ epoch: 'e', version: 3 });
  });
});
