// A lazily loaded page's HTML names its code (route-preloads.json of the web build): the page
// fallback adds one modulepreload link per chunk and a style preload per stylesheet of that route,
// with a strong ETag and 304 on revalidation; other paths get index.html as it is.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createServer } from '../src/server.js';
import { createTestOrm, destroyTestOrm } from './db.js';

const INDEX =
  '<!doctype html><html><head><title>t</title></head><body><div id="app"></div></body></html>';

describe('page preloads', () => {
  let orm: MikroORM;
  let app: FastifyInstance;
  let webDist: string;
  beforeAll(async () => {
    orm = await createTestOrm('libsql');
    webDist = mkdtempSync(join(tmpdir(), 'ocop-web-'));
    writeFileSync(join(webDist, 'index.html'), INDEX);
    writeFileSync(
      join(webDist, 'route-preloads.json'),
      JSON.stringify([
        {
          path: '/figures',
          scripts: ['assets/FiguresPage-a1.js', 'assets/ChartFrame-b2.js'],
          styles: ['assets/FiguresPage-c3.css'],
        },
        { path: '/products/:id', scripts: ['assets/ProductPage-d4.js'], styles: [] },
      ]),
    );
    mkdirSync(join(webDist, 'assets'));
    app = await createServer(loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: webDist }), orm);
  });
  afterAll(async () => {
    await app?.close();
    await destroyTestOrm(orm);
    rmSync(webDist, { recursive: true, force: true });
  });

  it("names a lazy page's chunks and stylesheets in its HTML", async () => {
    const page = await app.inject({ method: 'GET', url: '/figures?lang=vi&view=unit' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toBe(
      INDEX.replace(
        '</head>',
        '<link rel="modulepreload" crossorigin href="/assets/FiguresPage-a1.js">' +
          '<link rel="modulepreload" crossorigin href="/assets/ChartFrame-b2.js">' +
          '<link rel="preload" as="style" href="/assets/FiguresPage-c3.css"></head>',
      ),
    );
    const product = await app.inject({ method: 'GET', url: '/products/42' });
    expect(product.body).toContain('href="/assets/ProductPage-d4.js"');
    expect(product.body).not.toContain('FiguresPage');
  });

  it('answers a revalidation with 304 and other paths with index.html as it is', async () => {
    const page = await app.inject({ method: 'GET', url: '/figures' });
    const etag = page.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await app.inject({
      method: 'GET',
      url: '/figures',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    for (const url of ['/products', '/districts', '/products/42/more']) {
      const other = await app.inject({ method: 'GET', url });
      expect(other.statusCode).toBe(200);
      expect(other.body).toBe(INDEX);
    }
  });
});
