// Starts the built API (which serves the built dashboard) on a fresh seeded SQLite file and a free
// port, and runs the project's CLI against that same file. Used by the global setup (one shared,
// read-only server) and by test files that write and so need a database of their own.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
const main = join(repoRoot, 'apps/api/dist/main.js');
const cli = join(repoRoot, 'apps/api/dist/cli/index.js');
const webDist = join(repoRoot, 'apps/web/dist');

export interface ApiServer {
  baseUrl: string;
  /** The SQLite file the server runs on (the CLI must be pointed at the same file). */
  sqlitePath: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      );
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

/** The environment the API and the CLI share: no PostgreSQL, this SQLite file. */
function dbEnv(sqlitePath: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: '', SQLITE_PATH: sqlitePath };
}

export async function startApi(): Promise<ApiServer> {
  if (!existsSync(main) || !existsSync(cli) || !existsSync(join(webDist, 'index.html'))) {
    throw new Error(
      'Build first: apps/api/dist/main.js, apps/api/dist/cli/index.js and apps/web/dist/index.html are needed (pnpm build).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'ocop-e2e-'));
  const sqlitePath = join(dir, 'e2e.sqlite');
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: repoRoot,
    env: {
      ...dbEnv(sqlitePath),
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
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForReady(baseUrl, child, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, sqlitePath, stop };
}

/**
 * `cli create-admin --email … --password …` on the server's SQLite file, as an operator would run it
 * (the server keeps running: the CLI opens the same file, migrations already applied by the server).
 */
export function createAdminWithCli(
  server: ApiServer,
  email: string,
  password: string,
): Promise<string> {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      [cli, 'create-admin', '--email', email, '--password', password],
      { cwd: repoRoot, env: dbEnv(server.sqlitePath), timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) fail(new Error(`create-admin failed (${error.message}): ${stderr || stdout}`));
        else ok(stdout.trim());
      },
    );
  });
}
