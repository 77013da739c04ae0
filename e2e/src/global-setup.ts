// Starts the built API (which serves the built dashboard) on a fresh seeded SQLite file and a free
// port, waits until it is ready, and hands the base URL to the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const repoRoot = resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitForReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`API not ready at ${url} within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  const main = join(repoRoot, 'apps/api/dist/main.js');
  const webDist = join(repoRoot, 'apps/web/dist');
  if (!existsSync(main) || !existsSync(join(webDist, 'index.html'))) {
    throw new Error('Build first: apps/api/dist/main.js and apps/web/dist/index.html are needed (pnpm build).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'ocop-e2e-'));
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      SQLITE_PATH: join(dir, 'e2e.sqlite'),
      SEED: '1',
      WEB_DIST: webDist,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Many pages and direct API checks come from one address; the 429 path has its own API test.
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForReady(baseUrl, child, 90_000);
  project.provide('baseUrl', baseUrl);
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
