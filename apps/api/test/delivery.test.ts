// Web delivery: brotli/gzip compression of large responses, hashed assets cached for a year
// (immutable), the HTML revalidated on every visit (no-cache).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createServer } from '../src/server.js';
import { createTestOrm, destroyTestOrm } from './db.js';
import type { MikroORM } from '@mikro-orm/core';

describe('web delivery', () => {
  let orm: MikroORM;
  let app: FastifyInstance;
  let webDist: string;
  beforeAll(async () => {
    orm = await createTestOrm('libsql');
    webDist = mkdtempSync(join(tmpdir(), 'ocop-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><div id="app"></div>');
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(
      join(webDist, 'assets', 'index-3f9a1c.js'),
      `console.log(${'"x",'.repeat(2000)})`,
    );
    app = await createServer(loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: webDist }), orm);
  });
  afterAll(async () => {
    await app?.close();
    await destroyTestOrm(orm);
    rmSync(webDist, { recursive: true, force: true });
  });

  it('caches hashed assets for a year as immutable and revalidates the HTML', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-3f9a1c.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.headers['cache-control']).toBe('no-cache');
    const deep = await app.inject({ method: 'GET', url: '/products/5' });
    expect(deep.headers['cache-control']).toBe('no-cache');
  });

  it('compresses large bodies with brotli or gzip as the client accepts', async () => {
    const br = await app.inject({
      method: 'GET',
      url: '/assets/index-3f9a1c.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toContain('console.log');
    const query = `{ __schema { types { name description } } }`;
    const gz = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'accept-encoding': 'gzip', 'content-type': 'application/json' },
      payload: JSON.stringify({ query }),
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(
      JSON.parse(gunzipSync(gz.rawPayload).toString()).data.__schema.types.length,
    ).toBeGreaterThan(10);
  });
});
