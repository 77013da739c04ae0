// CORS for the public read API (issue 11, point 10): any origin may read anonymously (no
// credentials, no Authorization header allowed); signed-in requests cross-origin only from the
// dashboard's origin (DASHBOARD_ORIGIN). Pages and files answer no CORS at all.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createServer } from '../../src/server.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from '../db.js';

const DASHBOARD = 'https://ocop.angiang.example.vn';
const NEWSROOM = 'https://newsroom.example.com';

const headerList = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);

describe.each(DIALECTS)('CORS on %s', (kind) => {
  let orm: MikroORM;
  let app: FastifyInstance;
  let webDist: string;

  beforeAll(async () => {
    orm = await createTestOrm(kind);
    webDist = mkdtempSync(join(tmpdir(), 'ocop-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><div id="app"></div>');
    app = await createServer(
      loadConfig({ LOG_LEVEL: 'silent', DASHBOARD_ORIGIN: `${DASHBOARD}/`, WEB_DIST: webDist }),
      orm,
    );
  });
  afterAll(async () => {
    await app.close();
    rmSync(webDist, { recursive: true, force: true });
    await destroyTestOrm(orm);
  });

  const preflight = (origin: string, requestHeaders: string) =>
    app.inject({
      method: 'OPTIONS',
      url: '/graphql',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': requestHeaders,
      },
    });

  it('preflight from any origin: allowed for anonymous JSON reads, without credentials or Authorization', async () => {
    const res = await preflight(NEWSROOM, 'content-type, authorization');
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(headerList(res.headers['access-control-allow-methods'])).toEqual(['get', 'post']);
    const allowed = headerList(res.headers['access-control-allow-headers']);
    expect(allowed).toContain('content-type');
    // The browser will not send a token from another site: the preflight does not allow it.
    expect(allowed).not.toContain('authorization');
    expect(res.headers['access-control-max-age']).toBe('600');
  });

  it('preflight from the dashboard origin allows Authorization and credentials', async () => {
    const res = await preflight(DASHBOARD, 'content-type, authorization');
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(headerList(res.headers['access-control-allow-headers'])).toContain('authorization');
    expect(headerList(res.headers.vary)).toContain('origin');
  });

  it('answers an anonymous read from another origin with data and Access-Control-Allow-Origin: *', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { origin: NEWSROOM },
      payload: { query: '{ __typename }' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ __typename: 'Query' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(headerList(res.headers['access-control-expose-headers'])).toEqual([
      'retry-after',
      'x-request-id',
    ]);
  });

  it('answers the dashboard origin with its own origin and credentials allowed', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { origin: DASHBOARD, authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' },
      payload: { query: '{ me { id } }' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it('data endpoints answer CORS too; pages, files and probes do not', async () => {
    const csv = await app.inject({
      method: 'GET',
      url: '/figures/data.csv',
      headers: { origin: NEWSROOM },
    });
    expect(csv.headers['access-control-allow-origin']).toBe('*');
    for (const url of ['/', '/products', '/healthz', '/explorer']) {
      const res = await app.inject({ method: 'GET', url, headers: { origin: NEWSROOM } });
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined();
    }
    const pagePreflight = await app.inject({
      method: 'OPTIONS',
      url: '/products',
      headers: { origin: NEWSROOM, 'access-control-request-method': 'GET' },
    });
    expect(pagePreflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a DASHBOARD_ORIGIN that is not an origin', () => {
    expect(() => loadConfig({ DASHBOARD_ORIGIN: 'ocop.example.vn' })).toThrow(/DASHBOARD_ORIGIN/);
    expect(() => loadConfig({ DASHBOARD_ORIGIN: 'https://a.vn/path' })).toThrow(/DASHBOARD_ORIGIN/);
    expect(
      loadConfig({ DASHBOARD_ORIGIN: 'https://a.vn, http://localhost:5173' }).DASHBOARD_ORIGIN,
    ).toEqual(['https://a.vn', 'http://localhost:5173']);
  });
});
