// Fault: SIGTERM while a request waits on a database that does not answer (PostgreSQL behind a
// paused proxy, statement timeout far away). The grace period bounds the shutdown (issue 11
// point 5): the real server (child process) cuts the request and exits 1 while the database is
// still silent, instead of waiting for the statement's timeout.
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrm, destroyTestOrm } from '../db.js';
import { gqlAt, spawnServer, waitForOutput, type SpawnedServer } from './spawn-server.js';
import { startProxy, type PausableProxy } from './tcp-proxy.js';

describe('SIGTERM while PostgreSQL does not answer', () => {
  let orm: MikroORM;
  let proxy: PausableProxy;
  let server: SpawnedServer | undefined;
  beforeAll(async () => {
    orm = await createTestOrm('postgresql');
    const direct = new URL(orm.config.getClientUrl());
    await orm.close(true);
    proxy = await startProxy(direct.hostname, Number(direct.port || 5432));
    const viaProxy = new URL(direct);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    server = await spawnServer({
      DATABASE_URL: viaProxy.toString(),
      SHUTDOWN_GRACE_MS: '500',
      // Ten minutes: only the grace period can end the request in this test's time.
      DB_STATEMENT_TIMEOUT_MS: '600000',
    });
  }, 120_000);
  afterAll(async () => {
    proxy?.resume();
    await server?.stop();
    await proxy?.close();
    await destroyTestOrm(orm);
  });

  it('exits 1 after the grace period, with the database still silent', async () => {
    expect((await gqlAt(server!.base, '{ departments { code } }')).status).toBe(200);
    proxy.pause();
    const stuck = gqlAt(server!.base, '{ departments { code } }').catch((e: Error) => e);
    await waitForOutput(server!, /"msg":"incoming request"/g, 2);
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(1);
    expect(server!.output()).toMatch(/shutdown still blocked after the grace period/);
    // The cut request got no answer (its connection was closed).
    expect(await stuck).toBeInstanceOf(Error);
  }, 60_000);
});
