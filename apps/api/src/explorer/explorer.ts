// GET /explorer: GraphiQL for analysts, served entirely from this server's node_modules so it
// works with no internet. Its CSP allows only 'self' (plus inline styles and data: fonts that
// GraphiQL's stylesheet embeds).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { EXPLORER_ASSET_BASE, EXPLORER_CSS, explorerHtml, explorerScript } from './page.js';

export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Asset name → [file in node_modules, content type]. */
function assetFiles(): Record<string, [string, string]> {
  const js = 'application/javascript; charset=utf-8';
  return {
    'graphiql.min.js': [join(packageDir('graphiql'), 'graphiql.min.js'), js],
    'graphiql.min.css': [
      join(packageDir('graphiql'), 'graphiql.min.css'),
      'text/css; charset=utf-8',
    ],
    'react.production.min.js': [join(packageDir('react'), 'umd/react.production.min.js'), js],
    'react-dom.production.min.js': [
      join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
      js,
    ],
  };
}

export async function registerExplorer(app: FastifyInstance): Promise<void> {
  const html = explorerHtml();
  const script = explorerScript();
  // Read once at start: a missing file fails the boot, not the first analyst.
  const assets = Object.fromEntries(
    Object.entries(assetFiles()).map(([name, [file, type]]) => [
      name,
      { body: readFileSync(file), type },
    ]),
  );
  assets['explorer.js'] = {
    body: Buffer.from(script),
    type: 'application/javascript; charset=utf-8',
  };
  assets['explorer.css'] = { body: Buffer.from(EXPLORER_CSS), type: 'text/css; charset=utf-8' };

  app.get('/explorer', async (_req, reply) =>
    reply
      .header('content-security-policy', EXPLORER_CSP)
      .type('text/html; charset=utf-8')
      .send(html),
  );
  app.get<{ Params: { name: string } }>(`${EXPLORER_ASSET_BASE}/:name`, async (req, reply) => {
    const asset = assets[req.params.name];
    if (!asset) return reply.code(404).send({ error: 'not found' });
    return reply
      .header('cache-control', 'public, max-age=86400')
      .header('content-security-policy', EXPLORER_CSP)
      .type(asset.type)
      .send(asset.body);
  });
}
