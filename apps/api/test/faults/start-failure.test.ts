// A database the server cannot open at start: the real server (src/main.ts) exits 1 with one line
// naming the database (its URL without the password), the driver's cause and what to check —
// not a stack trace of the driver.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openPgAdmin, PG_URL } from '../db.js';
import { spawnServer } from './spawn-server.js';

/** What the server printed before it exited (spawnServer rejects with it). */
async function outputOfFailedStart(env: Record<string, string>): Promise<string> {
  const started = await spawnServer(env).then(
    async (server) => {
      await server.stop();
      return null;
    },
    (error: Error) => error.message,
  );
  if (started === null) throw new Error('the server started');
  return started;
}

describe('a database that cannot be opened at start', () => {
  it('PostgreSQL refusing connections: exit 1, the address without the password and a hint', async () => {
    const out = await outputOfFailedStart({
      DATABASE_URL: 'postgres://ocop:s3cret-pw@127.0.0.1:1/ocop',
      DB_CONNECT_TIMEOUT_MS: '2000',
    });
    expect(out).toContain('server exited with 1');
    expect(out).toContain(
      'Cannot open the database (PostgreSQL postgres://ocop:***@127.0.0.1:1/ocop): connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(out).toContain('accepts connections at that address (DATABASE_URL)');
    expect(out).not.toContain('s3cret-pw');
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('PostgreSQL refusing the role: names the role and says to fix DATABASE_URL', async () => {
    const url = new URL(PG_URL);
    url.username = 'ocop_no_such_role';
    url.password = 'pw';
    const out = await outputOfFailedStart({ DATABASE_URL: url.toString() });
    expect(out).toContain('server exited with 1');
    expect(out).toContain('role "ocop_no_such_role" does not exist');
    expect(out).toContain('fix DATABASE_URL or the server');
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('PostgreSQL, a missing database the role may not create: says to create it for the role', async () => {
    const role = `ocop_nocreate_${process.pid}`;
    const admin = await openPgAdmin();
    const sql = admin.em.getConnection();
    await sql.execute(`create role "${role}" login`);
    try {
      const url = new URL(PG_URL);
      url.username = role;
      url.pathname = `/${role}_missing`;
      const out = await outputOfFailedStart({ DATABASE_URL: url.toString() });
      expect(out).toContain('server exited with 1');
      expect(out).toContain('permission denied to create database');
      expect(out).toContain('create the database for it (createdb -O <user>)');
    } finally {
      await sql.execute(`drop role if exists "${role}"`);
      await admin.close(true);
    }
  });

  it('the CLI (migrate) too: exit 1 with the same line', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'migrate'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgres://ocop:pw@127.0.0.1:1/ocop' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'Cannot open the database (PostgreSQL postgres://ocop:***@127.0.0.1:1/ocop): connect ECONNREFUSED',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
