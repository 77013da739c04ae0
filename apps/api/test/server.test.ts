import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { createServer } from '../src/server.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';

describe.each(DIALECTS)('HTTP server on %s', (kind) => {
  let orm: MikroORM;
  let app: FastifyInstance;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    app = await createServer(loadConfig({ LOG_LEVEL: 'silent' }), orm);
  });
  afterAll(async () => {
    await app?.close();
    await destroyTestOrm(orm);
  });

  const post = (query: string, variables?: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query, variables },
      headers: { 'content-type': 'application/json' },
    });

  // Printed in a child process: under vitest, Pothos and the test would load two copies of graphql.
  it('matches the committed schema.graphql (run `pnpm --filter @ocop/api schema` after changing types)', () => {
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/print-schema.ts', '--check'], {
        cwd,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('answers /healthz while the process is up', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when the database is reachable and migrated', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', database: true, migrationsPending: 0 });
  });

  it("returns its own request id header on every response, never the client's", async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-request-id']).not.toBe('abc-123');
  });

  it('serves the explorer page with a self-only CSP and no external URLs', async () => {
    const res = await app.inject({ method: 'GET', url: '/explorer' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toMatch(/https?:/);
    expect(res.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(res.body).toContain('/explorer/assets/graphiql.min.js');
  });

  it.each([
    ['graphiql.min.js', /javascript/],
    ['graphiql.min.css', /text\/css/],
    ['react.production.min.js', /javascript/],
    ['react-dom.production.min.js', /javascript/],
    ['explorer.js', /javascript/],
  ])('serves explorer asset %s', async (name, type) => {
    const res = await app.inject({ method: 'GET', url: `/explorer/assets/${name}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(type);
    expect(res.body.length).toBeGreaterThan(100);
  });

  it('puts example queries for analysts in the explorer script', async () => {
    const res = await app.inject({ method: 'GET', url: '/explorer/assets/explorer.js' });
    expect(res.body).toContain('defaultTabs');
    expect(res.body).toContain('plan(year: 2021)');
  });

  it('blocks a GET query without a content-type or preflight header (CSRF prevention)', async () => {
    const res = await app.inject({ method: 'GET', url: '/graphql?query=%7B__typename%7D' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/CSRF|preflight/i);
  });

  it('allows the same GET with apollo-require-preflight', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/graphql?query=%7B__typename%7D',
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ __typename: 'Query' });
  });

  it('rates a scorecard with the rule set in force on the date', async () => {
    const res =
      await post(`{ rateScorecard(parts: [{part: "A", score: 30}, {part: "B", score: 20}, {part: "C", score: 28.5}], date: "2021-04-07") {
      ruleSet total stars isOcop recognisedBy potentialFiveStar withheld parts { part max } } }`);
    expect(res.json().errors).toBeUndefined();
    expect(res.json().data.rateScorecard).toMatchObject({
      ruleSet: 'QD1048',
      total: 78.5,
      stars: 4,
      isOcop: true,
      recognisedBy: 'PROVINCE',
      potentialFiveStar: false,
      withheld: false,
    });
    expect(res.json().data.rateScorecard.parts).toEqual([
      { part: 'A', max: 35 },
      { part: 'B', max: 25 },
      { part: 'C', max: 40 },
    ]);
  });

  it('refuses a part above its maximum with the domain code and both languages', async () => {
    const res = await post(
      `{ rateScorecard(parts: [{part: "A", score: 38}, {part: "B", score: 20}, {part: "C", score: 28}], ruleSet: "QD1048") { stars } }`,
    );
    const error = res.json().errors[0];
    expect(error.extensions.code).toBe('PART_ABOVE_MAX');
    expect(error.extensions.messageVi).toMatch(/vượt mức tối đa/);
    expect(error.extensions.messageEn).toBe(error.message);
  });

  it('reports the cost of a request in extensions.cost', async () => {
    const res = await post('{ __typename }');
    expect(res.json().extensions.cost).toMatchObject({
      complexity: expect.any(Number),
      depth: expect.any(Number),
      limit: 5000,
    });
  });
});

describe.each(DIALECTS)('dashboard, readiness and rate limit on %s', (kind) => {
  let orm: MikroORM;
  let webDist: string;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    webDist = mkdtempSync(join(tmpdir(), 'ocop-web-'));
    writeFileSync(
      join(webDist, 'index.html'),
      '<!doctype html><title>OCOP Monitor</title><div id="app"></div>',
    );
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log("app")');
  });
  afterAll(async () => {
    rmSync(webDist, { recursive: true, force: true });
    await destroyTestOrm(orm);
  });

  it('serves WEB_DIST with an SPA fallback for page paths but not for API paths or missing files', async () => {
    const app = await createServer(loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: webDist }), orm);
    try {
      const root = await app.inject({ method: 'GET', url: '/' });
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('OCOP Monitor');
      const deep = await app.inject({ method: 'GET', url: '/products/5?tab=history' });
      expect(deep.statusCode).toBe(200);
      expect(deep.headers['content-type']).toMatch(/text\/html/);
      expect(deep.body).toContain('<div id="app">');
      const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/graphql/nothing' })).statusCode).toBe(404);
      const gql = await app.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query: '{ __typename }' },
      });
      expect(gql.json().data).toEqual({ __typename: 'Query' });
    } finally {
      await app.close();
    }
  });

  it('answers 429 with a stable code once RATE_LIMIT_PER_MINUTE is used up, but never limits /healthz', async () => {
    const app = await createServer(
      loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '3' }),
      orm,
    );
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (
            await app.inject({
              method: 'POST',
              url: '/graphql',
              payload: { query: '{ __typename }' },
            })
          ).statusCode,
        );
      expect(codes).toEqual([200, 200, 200, 429]);
      const limited = await app.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query: '{ __typename }' },
      });
      expect(limited.json().errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('answers /readyz with 503 when the database is unreachable', async () => {
    const other = await createTestOrm(kind);
    const app = await createServer(loadConfig({ LOG_LEVEL: 'silent' }), other);
    try {
      await other.close(true);
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'not ready', database: false });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      // A database failure inside a resolver is masked: stable code, no SQL or driver text.
      const gql = await app.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query: '{ products(first: 1) { totalCount } }' },
      });
      const error = gql.json().errors[0];
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.message).toBe('Internal server error. Please try again later.');
      expect(JSON.stringify(gql.json())).not.toMatch(/select|sqlite|postgres|knex/i);
    } finally {
      await app.close();
      await destroyTestOrm(other).catch(() => undefined);
    }
  });
});
