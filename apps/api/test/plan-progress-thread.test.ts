// The plan-progress worker thread (modules/plans/plan-progress-thread.ts) must never keep its
// process alive: a CLI run, a benchmark or a server that closed its app ends once its own work is
// done. (Attaching the worker's 'message' listener after unref() ref'd its port again, and
// `pnpm bench` hung after printing its figures.)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { storageFailureOf } from '../src/db/storage-errors.js';
import { computeSegmentedReadInThread } from '../src/modules/plans/plan-progress-thread.js';
import { EMPTY_PLAN_JOB } from './fixtures/empty-plan-job.js';

const apiRoot = fileURLToPath(new URL('..', import.meta.url));

describe('plan-progress worker thread', () => {
  it('lets the process exit by itself once a computation is done', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/progress-then-exit.ts'],
      { cwd: apiRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Still running 20 s after its answer was printed: the worker holds the process.
    const stuck = new Promise<'stuck'>((resolve) => {
      const check = setInterval(() => {
        if (out.includes('outcomes')) {
          clearInterval(check);
          setTimeout(() => resolve('stuck'), 20_000).unref();
        }
      }, 50);
      void exited.then(() => clearInterval(check));
    });
    const result = await Promise.race([exited, stuck]);
    if (result === 'stuck') child.kill('SIGKILL');
    expect(out).toContain('outcomes 0');
    expect(result).toBe(0);
  }, 60_000);
});

describe('plan-progress worker reading on its own connection', () => {
  it("fails a job with the driver's error when the database cannot be reached (answered as a storage failure)", async () => {
    // Nothing listens on port 1: the worker's connection is refused.
    const settings = {
      config: loadConfig({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
        DB_CONNECT_TIMEOUT_MS: '1000',
      }),
      overrides: {},
    };
    const failure = await computeSegmentedReadInThread(
      settings,
      { from: '2021-01-01', to: '2021-12-31' },
      { key: 'unreachable', ...EMPTY_PLAN_JOB },
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(storageFailureOf(failure)).toBe('unreachable');
  });
});
