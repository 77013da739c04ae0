// Fault: SIGTERM while requests are running. The real server (child process, free port) must let
// every in-flight request finish with its answer, refuse new connections, and exit 0.
import { request } from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../api.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from '../db.js';
import { gqlAt, spawnServer, waitForOutput, type SpawnedServer } from './spawn-server.js';

// A query that does real work on the seed: every target of plan 152 with its computed progress.
const HEAVY =
  '{ plan(year: 2021) { targets { code progress { actual ratio status } } } products(first: 100) { totalCount edges { node { name currentStars } } } }';

/** A POST whose body arrives in two halves: in flight for as long as the test wants. */
function slowRequest(base: string, body: string) {
  const url = new URL(`${base}/graphql`);
  let resolveResponse!: (r: { status: number; body: Json }) => void;
  const response = new Promise<{ status: number; body: Json }>((r) => (resolveResponse = r));
  const req = request(
    {
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    },
    (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolveResponse({ status: res.statusCode!, body: JSON.parse(text) }));
    },
  );
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { response, finish: () => req.end(body.slice(half)) };
}

describe.each(DIALECTS)('graceful shutdown on %s', (kind) => {
  let orm: MikroORM;
  let server: SpawnedServer | undefined;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    const url: Record<string, string> =
      kind === 'postgresql'
        ? { DATABASE_URL: orm.config.get('clientUrl')! }
        : { SQLITE_PATH: orm.config.get('dbName')! };
    await orm.close(true);
    server = await spawnServer({ ...url, SEED: '1', SHUTDOWN_GRACE_MS: '30000' });
  });
  afterAll(async () => {
    await server?.stop();
    await destroyTestOrm(orm);
  });

  it('finishes in-flight requests after SIGTERM, refuses new ones, and exits 0', async () => {
    const { base, child } = server!;
    const warm = await gqlAt(base, HEAVY);
    expect(warm.body.errors).toBeUndefined();
    const expected = JSON.stringify(warm.body.data);

    // One request still uploading its body, and a burst of 30 the server has all received.
    const slow = slowRequest(base, JSON.stringify({ query: HEAVY }));
    const burst = Array.from({ length: 30 }, () => gqlAt(base, HEAVY));
    await waitForOutput(server!, /"msg":"incoming request"/g, 1 + 1 + 30);
    child.kill('SIGTERM');
    await waitForOutput(server!, /shutting down: draining requests/g, 1);
    slow.finish();

    const results = [await slow.response, ...(await Promise.all(burst))];
    expect(results).toHaveLength(31);
    for (const res of results) {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body.data)).toBe(expected);
    }
    expect(await server!.exited).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    expect(server!.output()).toMatch(/"forced":false,"msg":"server closed"/);
  });
});
