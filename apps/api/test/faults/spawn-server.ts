// Runs the real server (src/main.ts under tsx) as a child process on a free port, as production
// does, for the fault tests that need signals, sockets or files the process owns.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Json } from '../api.js';

export interface SpawnedServer {
  child: ChildProcess;
  base: string;
  /** Everything the process printed (pino JSON lines and the start banner). */
  output: () => string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const apiRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function spawnServer(env: Record<string, string>): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '100000',
      WEB_DIST: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /OCOP Monitor API\s+(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    child,
    base,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export async function gqlAt(
  base: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Waits until `pattern` (global) matched at least `count` times in the server's output. */
export async function waitForOutput(
  server: SpawnedServer,
  pattern: RegExp,
  count: number,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((server.output().match(pattern)?.length ?? 0) < count) {
    if (Date.now() > deadline)
      throw new Error(`waited for ${count}× ${pattern} in:\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
